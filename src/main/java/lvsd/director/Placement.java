package lvsd.director;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where one real goes in this cycle, decided from its health, maintenance, the virtual's quiescent setting and
 * what the kernel has now. Pure: {@link #of} is the whole rule table of docs/director.md.
 *
 * @param mode   what the reconcile does with the destination
 * @param weight the weight it gets when it is in the table
 * @param status the status logged on a change
 * @param reason why, for the log line
 */
public record Placement(Mode mode, int weight, RealStatus status, String reason) {

    public enum Mode {
        /** Add it if missing, edit it if it differs. */
        ENSURE,
        /** Edit it if it is there and differs; never add it (quiesced, readdquiescent=no). */
        IF_PRESENT,
        /** Delete it if it is there (down with quiescent=no). */
        ABSENT,
        /** Leave whatever the kernel has (pending real not in rotation in the kernel). */
        LEAVE
    }

    public Placement {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
    }

    /** Whether the real counts as up for the fallback rule (quiesced and pending-not-adopted reals do not). */
    public boolean countsAsUp() {
        return status.kind() == RealStatus.Kind.UP;
    }

    /** Whether the real still awaits its first verdict and is not adopted. */
    public boolean undecided() {
        return status.kind() == RealStatus.Kind.PENDING;
    }

    /**
     * @param health         the check engine's verdict
     * @param maintenance    the maintenancedir file covering this real, if any
     * @param configured     the configured weight
     * @param quiescent      the virtual's quiescent setting
     * @param readdQuiescent the global readdquiescent setting
     * @param kernelWeight   the weight of this destination in the kernel now, empty if absent
     */
    public static Placement of(RealHealth health, Optional<String> maintenance, int configured, boolean quiescent,
            boolean readdQuiescent, OptionalInt kernelWeight) {
        if (maintenance.isPresent()) {
            return down("in maintenance (" + maintenance.get() + ")", quiescent, readdQuiescent);
        }
        if (health instanceof RealHealth.Up up) {
            int w = up.weight().orElse(configured);
            return new Placement(Mode.ENSURE, w, RealStatus.up(w), up.reason());
        }
        if (health instanceof RealHealth.Down down) {
            return down(down.reason(), quiescent, readdQuiescent);
        }
        // Pending. ldirectord trusts a real the kernel has in rotation until its first check says otherwise; a
        // real the kernel does not have (or has at weight 0) waits for a successful check.
        if (kernelWeight.isPresent() && kernelWeight.getAsInt() > 0) {
            return new Placement(Mode.ENSURE, configured, RealStatus.up(configured),
                    "in the kernel table, adopted until its first check");
        }
        return new Placement(Mode.LEAVE, 0, RealStatus.PENDING, "awaiting its first check");
    }

    private static Placement down(String reason, boolean quiescent, boolean readdQuiescent) {
        if (!quiescent) {
            return new Placement(Mode.ABSENT, 0, RealStatus.REMOVED, reason);
        }
        return new Placement(readdQuiescent ? Mode.ENSURE : Mode.IF_PRESENT, 0, RealStatus.QUIESCED, reason);
    }
}
