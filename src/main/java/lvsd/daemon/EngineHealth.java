package lvsd.daemon;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import lvsd.check.CheckConfig;
import lvsd.check.CheckEngine;
import lvsd.check.CheckSpecs;
import lvsd.check.Health;
import lvsd.check.Transition;
import lvsd.check.Probe;
import lvsd.clock.Ticker;
import lvsd.config.CheckType;
import lvsd.config.Config;
import lvsd.config.RealServer;
import lvsd.config.VirtualService;
import lvsd.director.HealthBook;
import lvsd.director.HealthView;
import lvsd.inet.Addresses;

/**
 * Health from the check engine. The engine calls back on its own threads; transitions are queued and folded
 * into an immutable {@link HealthBook} on the loop thread, at the start of the cycle they asked for, so a
 * cycle always sees one consistent snapshot. checktype=on and off need no check run: they are up or down from
 * the first cycle, as in {@code lvsd plan}.
 */
public final class EngineHealth implements LvsdBackend.HealthSource {

    private final CheckEngine engine;
    private final AutoCloseable probe;
    private final ConcurrentLinkedQueue<Transition> pending = new ConcurrentLinkedQueue<>();
    private HealthBook book = HealthBook.empty(EngineHealth::key);

    /**
     * @param probe runs the checks (Probes.defaults in the daemon)
     * @param wake called on an engine thread after each transition: post a reconcile to the loop
     */
    public <P extends Probe & AutoCloseable> EngineHealth(P probe, Ticker ticker, Consumer<String> wake) {
        this.probe = probe;
        this.engine = new CheckEngine(t -> {
            pending.add(t);
            wake.accept("health " + t.key() + " " + t.to());
        }, ticker, probe);
    }

    /** One check key per (virtual, real); the engine shares one run between keys with equal specs. */
    static String key(VirtualService v, RealServer r) {
        return v.key() + " " + Addresses.withPort(r.address(), r.port());
    }

    @Override
    public void configure(Config config) {
        Map<String, CheckConfig> set = new HashMap<>();
        for (VirtualService v : config.virtuals()) {
            CheckType t = v.check().type();
            if (t == CheckType.ON || t == CheckType.OFF) {
                continue;
            }
            for (RealServer r : v.reals()) {
                Optional<CheckConfig> c = CheckSpecs.from(v, r);
                c.ifPresent(cc -> set.put(key(v, r), cc));
            }
        }
        engine.update(set);
        drain();
        book = book.retain(Set.copyOf(set.keySet()));
    }

    @Override
    public HealthView view() {
        drain();
        HealthBook snapshot = book;
        HealthView fixed = HealthView.staticView(false);
        return (v, r) -> {
            CheckType t = v.check().type();
            return t == CheckType.ON || t == CheckType.OFF ? fixed.health(v, r) : snapshot.health(v, r);
        };
    }

    private void drain() {
        for (Transition t = pending.poll(); t != null; t = pending.poll()) {
            book = book.apply(t);
        }
    }

    @Override
    public String statusJson() {
        CheckEngine.Stats s = engine.stats();
        long up = 0;
        long down = 0;
        for (Health h : engine.snapshot().values()) {
            if (h == Health.UP) {
                up++;
            } else if (h == Health.DOWN) {
                down++;
            }
        }
        return "{\"checks\":" + engine.distinctChecks() + ",\"up\":" + up + ",\"down\":" + down
                + ",\"runs\":{\"started\":" + s.started() + ",\"completed\":" + s.completed() + ",\"timed_out\":"
                + s.timedOut() + "}}";
    }

    @Override
    public void close() {
        engine.close();
        try {
            probe.close();
        } catch (Exception e) {
            // closing at exit: nothing left to do
        }
    }
}
