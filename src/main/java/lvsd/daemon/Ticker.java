package lvsd.daemon;

/**
 * A monotonic clock in nanoseconds. The daemon's timers read it instead of {@link System#nanoTime()} so tests
 * can step time by hand.
 */
@FunctionalInterface
public interface Ticker {
    long nanos();

    Ticker SYSTEM = System::nanoTime;
}
