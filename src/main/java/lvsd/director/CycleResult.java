package lvsd.director;

import java.util.List;
import java.util.Objects;
import lvsd.ipvs.IpvsOp;

/**
 * The outcome of one {@link Director#cycle}: the IPVS operations to apply (in order, as one batch), the effects
 * to run (fallbackcommand), one log line per transition, and the state to pass to the next cycle.
 */
public record CycleResult(List<IpvsOp> ops, List<Effect> effects, List<String> log, DirectorState state) {
    public CycleResult {
        ops = List.copyOf(ops);
        effects = List.copyOf(effects);
        log = List.copyOf(log);
        Objects.requireNonNull(state, "state");
    }
}
