package lvsd.director;

import java.util.Objects;
import lvsd.ipvs.Destination;

/** One destination lvsd wants in (or out of) a service, with the rule that decided it. */
public record DesiredDest(Destination destination, Placement placement, Role role) {

    public enum Role { REAL, FALLBACK }

    public DesiredDest {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(placement, "placement");
        Objects.requireNonNull(role, "role");
        if (destination.weight() != placement.weight() && placement.mode() != Placement.Mode.LEAVE) {
            throw new IllegalArgumentException("destination weight " + destination.weight()
                    + " differs from the placement's " + placement.weight());
        }
    }
}
