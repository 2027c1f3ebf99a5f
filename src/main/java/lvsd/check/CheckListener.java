package lvsd.check;

/**
 * Receives transitions. Called on an engine thread; implementations must be quick and must not block
 * (hand the work to another thread if it involves I/O).
 */
@FunctionalInterface
public interface CheckListener {
    void onTransition(Transition transition);
}
