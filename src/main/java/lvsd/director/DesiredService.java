package lvsd.director;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import lvsd.ipvs.Service;

/**
 * One virtual service as lvsd wants it: its settings, its destinations (reals and fallback, each with its
 * placement), the fallback decision of this cycle, and the drain time for destinations it no longer names.
 */
public record DesiredService(Service service, List<DesiredDest> destinations, FallbackMachine.Step fallback,
        Optional<Effect.FallbackCommand> fallbackCommand, int drainSeconds, String label) {

    public DesiredService {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(fallback, "fallback");
        Objects.requireNonNull(fallbackCommand, "fallbackCommand");
        Objects.requireNonNull(label, "label");
        destinations = List.copyOf(destinations);
        if (drainSeconds < 0) {
            throw new IllegalArgumentException("drainSeconds must not be negative");
        }
    }
}
