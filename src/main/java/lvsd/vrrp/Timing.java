package lvsd.vrrp;

/** RFC 3768 §6.1 / RFC 5798 §6.1 timer arithmetic in nanoseconds (keepalived keeps microseconds, never whole cs). */
public final class Timing {
    public static final long NANOS_PER_CS = 10_000_000L;

    private Timing() {}

    /** Skew_Time: v2 {@code (256-p)/256} s; v3 {@code (256-p) * Master_Adver_Interval / 256}. */
    public static long skewNanos(int version, int priority, int masterIntervalCs) {
        long numerator = version == 2 ? 100L : masterIntervalCs;
        return (256 - priority) * numerator * NANOS_PER_CS / 256;
    }

    /** Master_Down_Interval = 3 × Master_Adver_Interval + Skew_Time. */
    public static long masterDownNanos(int version, int priority, int masterIntervalCs) {
        return 3L * masterIntervalCs * NANOS_PER_CS + skewNanos(version, priority, masterIntervalCs);
    }
}
