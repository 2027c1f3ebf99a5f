package lvsd.clock;

/**
 * A monotonic clock in nanoseconds. Timers (health checks, the daemon loop, VRRP) read it instead of
 * {@link System#nanoTime()} so tests can step time by hand.
 */
@FunctionalInterface
public interface Ticker {
    long nanos();

    Ticker SYSTEM = System::nanoTime;
}
