package lvsd.daemon;

import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs callback= and fallbackcommand= programs in the background. The loop never waits for them; each has a
 * deadline after which it and its descendants get SIGTERM, then SIGKILL two seconds later. Their output goes to
 * the daemon's stderr (the journal); their exit status is logged.
 */
public final class ProgramLauncher implements AutoCloseable {

    private static final Duration GRACE = Duration.ofSeconds(2);

    private final DaemonLog log;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lvsd-program-deadlines");
        t.setDaemon(true);
        return t;
    });

    public ProgramLauncher(DaemonLog log) {
        this.log = log;
    }

    /** Starts {@code argv}; returns the process, or null when it could not be started (logged). */
    public Process launch(List<String> argv, Duration deadline) {
        Process p;
        try {
            p = new ProcessBuilder(argv)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
        } catch (IOException e) {
            log.error("cannot run " + String.join(" ", argv) + ": " + e.getMessage());
            return null;
        }
        String what = String.join(" ", argv) + " (pid " + p.pid() + ")";
        var kill = timer.schedule(() -> {
            if (p.isAlive()) {
                log.warn(what + " still running after " + deadline.toSeconds() + " s: terminating it");
                p.descendants().forEach(ProcessHandle::destroy);
                p.destroy();
                timer.schedule(() -> {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                }, GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        }, deadline.toMillis(), TimeUnit.MILLISECONDS);
        p.onExit().thenAccept(done -> {
            kill.cancel(false);
            int status = done.exitValue();
            if (status == 0) {
                log.info(what + " finished");
            } else {
                log.warn(what + " exited with status " + status);
            }
        });
        return p;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
