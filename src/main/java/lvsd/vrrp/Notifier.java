package lvsd.vrrp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import lvsd.config.Notify;
import lvsd.process.Launcher;
import lvsd.process.Outcome;
import lvsd.process.Program;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs notify scripts off the VRRP thread, one at a time and in order (keepalived gives no order; a failover
 * script seeing MASTER then BACKUP reversed would be worse), each killed after a deadline. The {@link Launcher}
 * runs them; this class only keeps them in order.
 */
final class Notifier implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Notifier.class);
    private final ExecutorService exec = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "vrrp-notify");
        t.setDaemon(true);
        return t;
    });
    private final Launcher launcher;
    private final long deadlineMillis;

    Notifier(Launcher launcher, long deadlineMillis) {
        this.launcher = launcher;
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
        Program program = new Program(command, Duration.ofMillis(deadlineMillis), Program.Output.DISCARD);
        List<String> cmd = program.argv();
        exec.execute(() -> {
            Outcome o;
            try {
                o = launcher.run(program);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (o instanceof Outcome.TimedOut) {
                log.warn("notify {} killed after {} ms", cmd, deadlineMillis);
            } else if (o instanceof Outcome.NotStarted n) {
                log.warn("notify {} could not run: {}", cmd, n.why());
            } else if (o instanceof Outcome.Exited x && x.status() != 0) {
                log.warn("notify {} exited with {}", cmd, x.status());
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
