package lvsd.ipvs;

import java.util.Objects;

/** A destination as read from the kernel, with its connection counts and counters. */
public record DestinationState(Destination destination, long activeConns, long inactiveConns,
        long persistentConns, Stats stats) {

    public DestinationState {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(stats, "stats");
    }
}
