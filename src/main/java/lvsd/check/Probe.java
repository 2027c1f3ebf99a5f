package lvsd.check;

import java.util.function.Consumer;

/**
 * Starts one check run without blocking the caller. The probe calls {@code done} at most once with its
 * result; the engine may call {@link Cancel#cancel()} at the deadline, after which the probe must free
 * every resource (sockets, processes) promptly. The engine does not trust probes to keep their deadline:
 * it reports TimedOut itself and ignores a late result.
 */
public interface Probe {

    Cancel start(CheckSpec spec, long deadlineNanos, Consumer<CheckResult> done);

    /** Frees the resources of a run that has not finished. Must be idempotent and must not block. */
    @FunctionalInterface
    interface Cancel {
        Cancel NONE = () -> { };

        void cancel();
    }
}
