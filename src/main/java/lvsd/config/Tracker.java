package lvsd.config;

/**
 * How one tracked object (script, interface, virtual service) weighs on an instance (keepalived vrrp_track.c).
 *
 * @param weight  −253..253; 0 means "FAULT while failed"
 * @param reverse flips the direction (keepalived's {@code reverse})
 */
public record Tracker(Kind kind, String name, int weight, boolean reverse) {

    public enum Kind { SCRIPT, INTERFACE, VIRTUAL }

    public Tracker {
        if (weight < -253 || weight > 253) {
            throw new IllegalArgumentException("tracker weight must be -253..253, got " + weight);
        }
    }

    /** The priority contribution of this tracker given whether its object is OK. */
    public int contribution(boolean ok) {
        if (weight == 0) {
            return 0;
        }
        boolean up = reverse != ok; // reverse: the object's OK counts as failed and vice versa
        if (weight > 0) {
            return up ? weight : 0;
        }
        return up ? 0 : weight;
    }

    /** Whether this tracker puts the instance in FAULT (weight 0 and failed, or OK when reversed). */
    public boolean faults(boolean ok) {
        return weight == 0 && (reverse == ok);
    }

    /**
     * Effective priority (vrrp.md §9.2): base plus contributions clamped to 1..254; an owner (255) never moves.
     */
    public static int effectivePriority(int base, int sumOfContributions) {
        if (base == 255) {
            return 255;
        }
        return Math.max(1, Math.min(254, base + sumOfContributions));
    }
}
