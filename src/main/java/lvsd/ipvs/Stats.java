package lvsd.ipvs;

/**
 * Counters of a service or destination: cumulative connections, packets and bytes in and out, and the
 * kernel estimator's per-second rates. All values are unsigned 64-bit where the kernel gives STATS64.
 */
public record Stats(long conns, long inPkts, long outPkts, long inBytes, long outBytes, long cps, long inPps,
        long outPps, long inBps, long outBps) {

    public static final Stats ZERO = new Stats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
