package lvsd.vrrp;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import lvsd.config.vrrp.ScriptConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each tracked vrrp_script every interval with a hard timeout (a timeout or a signal is a failure), feeds
 * the result through {@link RiseFall} and calls {@code changed} when a script turns OK or failed.
 */
final class ScriptRunner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ScriptRunner.class);
    private final ScheduledExecutorService exec;
    private final Map<String, RiseFall> state = new ConcurrentHashMap<>();
    private final Runnable changed;

    ScriptRunner(List<ScriptConfig> scripts, Runnable changed) {
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
        boolean success;
        try {
            Process p = new ProcessBuilder(s.command()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (p.waitFor(s.timeoutNs(), TimeUnit.NANOSECONDS)) {
                success = p.exitValue() == 0;
            } else {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                log.warn("vrrp_script {} timed out", s.name());
                success = false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            log.warn("vrrp_script {} could not run: {}", s.name(), e.toString());
            success = false;
        }
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
