package lvsd.director;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import lvsd.check.Health;
import lvsd.check.Transition;
import lvsd.config.RealServer;
import lvsd.config.VirtualService;

/**
 * The check engine's transitions folded into the director's {@link HealthView}. Immutable: {@link #apply}
 * returns a new book, so the daemon's event loop can hand a consistent snapshot to a cycle. The daemon gives the
 * same key function it used to register the checks (several virtuals may share one check key; all of them see
 * its verdict). Keys no longer registered after a reload are dropped with {@link #retain}, so state of unchanged
 * checks survives and state of removed ones does not linger.
 */
public final class HealthBook implements HealthView {

    private final Map<String, RealHealth> byKey;
    private final BiFunction<VirtualService, RealServer, String> keyOf;

    private HealthBook(Map<String, RealHealth> byKey, BiFunction<VirtualService, RealServer, String> keyOf) {
        this.byKey = byKey;
        this.keyOf = keyOf;
    }

    /** An empty book: every real is {@link RealHealth#PENDING} until its first transition. */
    public static HealthBook empty(BiFunction<VirtualService, RealServer, String> keyOf) {
        return new HealthBook(Map.of(), Objects.requireNonNull(keyOf, "keyOf"));
    }

    public HealthBook apply(Transition t) {
        Map<String, RealHealth> m = new HashMap<>(byKey);
        m.put(t.key(), of(t));
        return new HealthBook(Map.copyOf(m), keyOf);
    }

    /** Keeps only the keys still registered (after a reload). */
    public HealthBook retain(Set<String> keys) {
        Map<String, RealHealth> m = new HashMap<>(byKey);
        m.keySet().retainAll(keys);
        return new HealthBook(Map.copyOf(m), keyOf);
    }

    @Override
    public RealHealth health(VirtualService virtual, RealServer real) {
        return byKey.getOrDefault(keyOf.apply(virtual, real), RealHealth.PENDING);
    }

    static RealHealth of(Transition t) {
        if (t.to() == Health.UP) {
            return new RealHealth.Up(t.weight(), t.reason());
        }
        if (t.to() == Health.DOWN) {
            return new RealHealth.Down(t.reason());
        }
        return RealHealth.PENDING;
    }
}
