package lvsd.sys;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import lvsd.process.Launcher;
import lvsd.process.Outcome;
import lvsd.process.Program;

/**
 * The one way lvsd runs external programs. Each program is started through util-linux {@code setsid}, so it
 * leads a new session and process group whose id is its pid (a child of the JVM is never a group leader, so
 * setsid does not fork); stdin is /dev/null. At the deadline the whole group is SIGKILLed, whether or not the
 * program itself has exited: a background child it left behind does not outlive its deadline. The JDK's process
 * reaper collects the exit status. A program that must leave something running starts it in a session of its
 * own (setsid, systemd-run).
 */
public final class GroupLauncher implements Launcher, AutoCloseable {

    private static final File DEV_NULL = new File("/dev/null");

    private final String setsid;
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lvsd-program-deadlines");
        t.setDaemon(true);
        return t;
    });

    public GroupLauncher() {
        this(findSetsid());
    }

    GroupLauncher(String setsid) {
        this.setsid = setsid;
    }

    private static String findSetsid() {
        for (String p : new String[] {"/usr/bin/setsid", "/bin/setsid"}) {
            if (new File(p).canExecute()) {
                return p;
            }
        }
        throw new IllegalStateException("setsid (util-linux) not found in /usr/bin or /bin");
    }

    @Override
    public Running start(Program program, Consumer<Outcome> done) {
        String missing = unrunnable(program.argv().get(0));
        if (missing != null) {
            done.accept(new Outcome.NotStarted(missing));
            return Running.NONE;
        }
        List<String> argv = new ArrayList<>(program.argv().size() + 1);
        argv.add(setsid);
        argv.addAll(program.argv());
        ProcessBuilder.Redirect out = program.output() == Program.Output.INHERIT ? ProcessBuilder.Redirect.INHERIT
                : ProcessBuilder.Redirect.DISCARD;
        Process p;
        try {
            p = new ProcessBuilder(argv).redirectInput(DEV_NULL).redirectOutput(out).redirectError(out).start();
        } catch (IOException e) {
            done.accept(new Outcome.NotStarted(e.getMessage()));
            return Running.NONE;
        }
        int pgid = (int) p.pid();
        AtomicBoolean reported = new AtomicBoolean();
        Runnable kill = () -> {
            killGroupQuietly(pgid);
            p.destroyForcibly(); // in case setsid had not yet made the group
        };
        deadlines.schedule(() -> {
            // Claimed before the kill, so the exit the kill causes is not reported as the program's own.
            boolean timedOut = p.isAlive() && reported.compareAndSet(false, true);
            kill.run();
            if (timedOut) {
                done.accept(new Outcome.TimedOut());
            }
        }, program.deadline().toNanos(), TimeUnit.NANOSECONDS);
        p.onExit().thenAccept(proc -> {
            if (reported.compareAndSet(false, true)) {
                done.accept(new Outcome.Exited(proc.exitValue()));
            }
        });
        return kill::run;
    }

    /** Why {@code name} cannot be executed, or null; checked here because setsid would only exit 127. */
    static String unrunnable(String name) {
        if (name.contains("/")) {
            File f = new File(name);
            return !f.exists() ? name + ": no such file" : !f.canExecute() ? name + ": not executable" : null;
        }
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "/usr/bin:/bin" : path).split(":")) {
            if (new File(dir.isEmpty() ? "." : dir, name).canExecute()) {
                return null;
            }
        }
        return name + ": not found in PATH";
    }

    private static void killGroupQuietly(int pgid) {
        try {
            Processes.killGroup(pgid);
        } catch (RuntimeException ignored) {
            // EPERM cannot happen for our own children; anything else leaves nothing we can do
        }
    }

    /** Stops the deadline timer; programs still running are left alone (the daemon is exiting). */
    @Override
    public void close() {
        deadlines.shutdownNow();
    }
}
