package lvsd.vrrp;

/**
 * keepalived's vrrp_script result counter (vrrp.md §9.2): {@code rise} consecutive successes turn it OK,
 * {@code fall} consecutive failures turn it failed. A value; {@link #record(boolean)} returns the next one.
 *
 * @param counter in [0, rise+fall−1]; OK iff counter ≥ rise
 */
public record RiseFall(int rise, int fall, int counter) {

    public RiseFall {
        if (rise < 1 || fall < 1) {
            throw new IllegalArgumentException("rise and fall must be at least 1");
        }
        if (counter < 0 || counter > rise + fall - 1) {
            throw new IllegalArgumentException("counter out of range: " + counter);
        }
    }

    /** Start state: one success makes it OK, unless {@code initFail} (then {@code rise} successes are needed). */
    public static RiseFall start(int rise, int fall, boolean initFail) {
        return new RiseFall(rise, fall, initFail ? 0 : rise - 1);
    }

    public boolean ok() {
        return counter >= rise;
    }

    public RiseFall record(boolean success) {
        int c = counter;
        if (success) {
            if (c < rise - 1) {
                c++;
            } else if (c == rise - 1) {
                c = rise + fall - 1; // turned OK: a full run of failures is needed to fall again
            } else {
                c = rise + fall - 1; // already OK: back to the top
            }
        } else {
            if (c > rise) {
                c--;
            } else if (c == rise) {
                c = 0; // turned failed: a full run of successes is needed to rise again
            } else {
                c = 0; // already failed: a failure mid-rise starts over
            }
        }
        return new RiseFall(rise, fall, c);
    }
}
