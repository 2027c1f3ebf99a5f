package lvsd.vrrp;

/** A monotonic clock in nanoseconds, injected so tests can step time. */
@FunctionalInterface
public interface Ticker {
    long nanos();

    Ticker SYSTEM = System::nanoTime;
}
