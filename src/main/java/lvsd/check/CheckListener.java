package lvsd.check;

/**
 * Receives transitions. Called on an engine thread; implementations must be quick and must not block
 * (hand the work to another thread if it involves I/O).
 */
@FunctionalInterface
public interface CheckListener {
    void onTransition(Transition transition);

    /**
     * Every finished run, once per run however many keys share it: for metrics (latency, counts).
     * {@code took} is from start to result; a timed-out run reports about its timeout.
     */
    default void onResult(CheckSpec spec, CheckResult result, java.time.Duration took) {
    }
}
