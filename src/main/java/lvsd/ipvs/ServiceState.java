package lvsd.ipvs;

import java.util.List;
import java.util.Objects;

/** A service as read from the kernel: settings, counters and its destinations (in the order given). */
public record ServiceState(Service service, Stats stats, List<DestinationState> destinations) {

    public ServiceState {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(stats, "stats");
        destinations = List.copyOf(destinations);
    }

    public ServiceKey key() {
        return service.key();
    }
}
