package lvsd.vrrp;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import lvsd.config.vrrp.Notify;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs notify scripts off the VRRP thread, one at a time and in order (keepalived gives no order; a failover
 * script seeing MASTER then BACKUP reversed would be worse), each killed after a deadline.
 */
final class Notifier implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Notifier.class);
    private final ExecutorService exec = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "vrrp-notify");
        t.setDaemon(true);
        return t;
    });
    private final long deadlineMillis;

    Notifier(long deadlineMillis) {
        this.deadlineMillis = deadlineMillis;
    }

    /** keepalived's arguments: the specific hook alone, then {@code notify} with KIND NAME STATE PRIORITY. */
    void transition(String kind, String name, Notify hooks, VrrpState to, int priority) {
        run(to.hookIn(hooks));
        if (!hooks.any().isEmpty()) {
            List<String> cmd = new ArrayList<>(hooks.any());
            cmd.add(kind);
            cmd.add(name);
            cmd.add(to == VrrpState.INIT ? "STOP" : to.name());
            cmd.add(Integer.toString(priority));
            run(cmd);
        }
    }

    void run(List<String> command) {
        if (command.isEmpty()) {
            return;
        }
        List<String> cmd = List.copyOf(command);
        exec.execute(() -> {
            try {
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!p.waitFor(deadlineMillis, TimeUnit.MILLISECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                    log.warn("notify {} killed after {} ms", cmd, deadlineMillis);
                } else if (p.exitValue() != 0) {
                    log.warn("notify {} exited with {}", cmd, p.exitValue());
                }
            } catch (Exception e) {
                log.warn("notify {} could not run: {}", cmd, e.toString());
            }
        });
    }

    /** Lets queued scripts (the STOP notifications of a graceful stop) finish, within the deadline. */
    @Override
    public void close() {
        exec.shutdown();
        try {
            exec.awaitTermination(deadlineMillis + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        exec.shutdownNow();
    }
}
