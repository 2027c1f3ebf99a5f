package lvsd.check;

/** A monotonic clock in nanoseconds, injected so tests can step time instead of sleeping. */
@FunctionalInterface
public interface Ticker {
    long nanos();

    static Ticker system() {
        return System::nanoTime;
    }
}
