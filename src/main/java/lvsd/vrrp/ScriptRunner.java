package lvsd.vrrp;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import lvsd.config.ScriptConfig;
import lvsd.process.Launcher;
import lvsd.process.Outcome;
import lvsd.process.Program;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each tracked vrrp_script every interval with a hard timeout (a timeout or a signal is a failure), feeds
 * the result through {@link RiseFall} and calls {@code changed} when a script turns OK or failed. The
 * {@link Launcher} runs the scripts; this class only schedules them and counts.
 */
final class ScriptRunner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ScriptRunner.class);
    private final ScheduledExecutorService exec;
    private final Map<String, RiseFall> state = new ConcurrentHashMap<>();
    private final Launcher launcher;
    private final Runnable changed;

    ScriptRunner(List<ScriptConfig> scripts, Launcher launcher, Runnable changed) {
        this.launcher = launcher;
        this.changed = changed;
        this.exec = Executors.newScheduledThreadPool(Math.max(1, Math.min(4, scripts.size())), r -> {
            Thread t = new Thread(r, "vrrp-script");
            t.setDaemon(true);
            return t;
        });
        for (ScriptConfig s : scripts) {
            state.put(s.name(), RiseFall.start(s.rise(), s.fall(), s.initFail()));
            exec.scheduleWithFixedDelay(() -> runOnce(s), 0, s.intervalNs(), TimeUnit.NANOSECONDS);
        }
    }

    /** Whether the script is currently OK (unknown names count as failed). */
    boolean ok(String name) {
        RiseFall r = state.get(name);
        return r != null && r.ok();
    }

    private void runOnce(ScriptConfig s) {
        Outcome o;
        try {
            o = launcher.run(new Program(s.command(), Duration.ofNanos(s.timeoutNs()), Program.Output.DISCARD));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (o instanceof Outcome.TimedOut) {
            log.warn("vrrp_script {} timed out", s.name());
        } else if (o instanceof Outcome.NotStarted n) {
            log.warn("vrrp_script {} could not run: {}", s.name(), n.why());
        }
        boolean success = o.succeeded();
        RiseFall before = state.get(s.name());
        RiseFall after = before.record(success);
        state.put(s.name(), after);
        if (before.ok() != after.ok()) {
            log.info("vrrp_script {} is now {}", s.name(), after.ok() ? "OK" : "failed");
            changed.run();
        }
    }

    @Override
    public void close() {
        exec.shutdownNow();
    }
}
