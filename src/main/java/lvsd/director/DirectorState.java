package lvsd.director;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import lvsd.ipvs.ServiceKey;

/**
 * What the director remembers between cycles; immutable, owned by the caller (the daemon keeps the latest one and
 * passes it to the next {@link Director#cycle}). Everything is keyed by identity (service key, destination
 * address and port), so it survives a reload for every virtual and real that did not change identity.
 *
 * @param owned    services lvsd manages: those of the configuration last applied, plus ones a reload dropped
 *                 that are still in the kernel (deleted by the next cycle)
 * @param draining destinations being drained, with their deadline on the monotonic clock (nanoseconds, as
 *                 {@code lvsd.clock.Ticker} reads it)
 * @param fallback the fallback state of each virtual
 * @param statuses the last logged status of each real and fallback
 */
public record DirectorState(Set<ServiceKey> owned, Map<DestRef, Long> draining,
        Map<ServiceKey, FallbackMachine.State> fallback, Map<DestRef, RealStatus> statuses) {

    /** The state of a freshly started lvsd: owns nothing yet, knows nothing. */
    public static final DirectorState INITIAL = new DirectorState(Set.of(), Map.of(), Map.of(), Map.of());

    public DirectorState {
        owned = Set.copyOf(Objects.requireNonNull(owned, "owned"));
        draining = Map.copyOf(Objects.requireNonNull(draining, "draining"));
        fallback = Map.copyOf(Objects.requireNonNull(fallback, "fallback"));
        statuses = Map.copyOf(Objects.requireNonNull(statuses, "statuses"));
    }
}
