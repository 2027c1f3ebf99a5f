package lvsd.process;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * Starts external programs. The core (checks, VRRP hooks, the daemon's callbacks) states what to run and what to
 * do with the {@link Outcome}; the implementation ({@code lvsd.sys.GroupLauncher}) owns the processes.
 */
public interface Launcher {

    /**
     * Starts {@code program} without waiting; {@code done} is called exactly once, from another thread, when the
     * program exits, is killed at its deadline or could not start.
     */
    Running start(Program program, Consumer<Outcome> done);

    /** Runs {@code program} to its end (at the latest its deadline) and returns how it ended. */
    default Outcome run(Program program) throws InterruptedException {
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        Running r = start(program, outcome::complete);
        try {
            return outcome.get();
        } catch (InterruptedException e) {
            r.kill();
            throw e;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** A started program. */
    @FunctionalInterface
    interface Running {
        Running NONE = () -> { };

        /** Kills the program's process group now; idempotent, does not block. */
        void kill();
    }
}
