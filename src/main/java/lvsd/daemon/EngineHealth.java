package lvsd.daemon;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import lvsd.check.CheckConfig;
import lvsd.check.CheckEngine;
import lvsd.check.CheckListener;
import lvsd.check.CheckSpec;
import lvsd.check.CheckSpecs;
import lvsd.check.Health;
import lvsd.check.Transition;
import lvsd.check.Probe;
import lvsd.check.probe.Probes;
import lvsd.clock.Heartbeat;
import lvsd.clock.Ticker;
import lvsd.config.CheckType;
import lvsd.config.Config;
import lvsd.config.RealServer;
import lvsd.config.VirtualService;
import lvsd.director.HealthBook;
import lvsd.director.HealthView;
import lvsd.inet.Addresses;
import lvsd.status.StatusSnapshot;

/**
 * Health from the check engine. The engine calls back on its own threads; transitions are queued and folded
 * into an immutable {@link HealthBook} on the loop thread, at the start of the cycle they asked for, so a
 * cycle always sees one consistent snapshot. checktype=on and off need no check run: they are up or down from
 * the first cycle, as in {@code lvsd plan}.
 *
 * <p>The engine's timer thread and the probes' threads (selector, HTTP client) report their death to {@code onDeath}; the
 * daemon then calls {@link #restart}, which replaces both with fresh ones and registers the config again. The
 * verdicts already in the health book hold until the new engine's first results replace them.
 */
public final class EngineHealth implements LvsdBackend.HealthSource {

    /** Opens the probes; {@code onDeath} is to be called when one of their threads fails. */
    @FunctionalInterface
    public interface ProbeFactory {
        Probe open(Consumer<Throwable> onDeath);
    }

    private final ProbeFactory probes;
    private final Ticker ticker;
    private final Consumer<Throwable> onDeath;
    private final CheckListener listener;
    private volatile CheckEngine engine; // replaced by restart (loop thread); heartbeats() reads it anywhere
    private volatile Probe probe;
    /** The open engine's and probes' death report; a replaced or closed set reports nothing. */
    private volatile DeathReport deathReport;
    private final ConcurrentLinkedQueue<Transition> pending = new ConcurrentLinkedQueue<>();
    /** Each key's latest transition and when the engine reported it; written on engine threads. */
    private final Map<String, Stamped> lastTransition = new ConcurrentHashMap<>();
    private HealthBook book = HealthBook.empty(EngineHealth::key);
    private Map<String, CheckConfig> registered = Map.of();

    private record Stamped(Transition transition, Instant at) {}

    /** The latest finished run of one spec: its result, how long it took, when it ended. */
    private record LastRun(lvsd.check.CheckResult result, java.time.Duration took, Instant at) {}

    /** The keys each registered spec stands for (replaced whole at each configure). */
    private volatile Map<lvsd.check.CheckSpec, List<String>> keysBySpec = Map.of();
    private final lvsd.check.RunObserver runs;

    /** Each spec's latest run (reals with equal specs share one); written on engine threads. */
    private final Map<lvsd.check.CheckSpec, LastRun> lastRuns = new ConcurrentHashMap<>();

    /**
     * @param probe runs the checks (Probes.defaults in the daemon)
     * @param wake called on an engine thread after each transition: post a reconcile to the loop
     */
    public <P extends Probe & AutoCloseable> EngineHealth(P probe, Ticker ticker, Consumer<String> wake) {
        this(probe, ticker, Clock.systemUTC(), wake);
    }

    /** @param clock stamps each transition for the status snapshot's "since" */
    public <P extends Probe & AutoCloseable> EngineHealth(P probe, Ticker ticker, Clock clock, Consumer<String> wake) {
        this(d -> probe, ticker, clock, wake, t -> {});
    }

    /**
     * A restartable engine: {@code probes} opens a fresh set at start and at each {@link #restart}.
     *
     * @param onDeath called on the dying thread when the timer or a probe thread fails
     */
    public EngineHealth(ProbeFactory probes, Ticker ticker, Clock clock, Consumer<String> wake,
            Consumer<Throwable> onDeath) {
        this(probes, ticker, clock, wake, onDeath, lvsd.check.RunObserver.NONE);
    }

    /** @param runs sees every finished run once per key (the metrics' latency histogram and failure counts) */
    public EngineHealth(ProbeFactory probes, Ticker ticker, Clock clock, Consumer<String> wake,
            Consumer<Throwable> onDeath, lvsd.check.RunObserver runs) {
        this.runs = runs;
        this.probes = probes;
        this.ticker = ticker;
        this.onDeath = onDeath;
        this.listener = new CheckListener() {
            @Override
            public void onTransition(Transition t) {
                lastTransition.put(t.key(), new Stamped(t, clock.instant()));
                pending.add(t);
                wake.accept("health " + t.key() + " " + t.to());
            }

            @Override
            public void onResult(lvsd.check.CheckSpec spec, lvsd.check.CheckResult result, java.time.Duration took) {
                lastRuns.put(spec, new LastRun(result, took, clock.instant()));
                for (String key : keysBySpec.getOrDefault(spec, List.of())) {
                    runs.finished(key, result, took);
                }
            }
        };
        open();
    }

    private void open() {
        DeathReport report = new DeathReport();
        deathReport = report;
        probe = probes.open(report);
        engine = new CheckEngine(listener, ticker, probe, report);
    }

    /**
     * Passes on the first death of one engine-and-probes set, and only while that set is the one in use. One
     * failure can end several threads (httpclient5 runs its reactor and its dispatcher on two), and threads of
     * a set being closed or already replaced end too: reported one by one, the later ones would reach the loop
     * after the restart and read as a second death within the restart window, which stops the daemon.
     */
    private final class DeathReport implements Consumer<Throwable> {
        private final AtomicBoolean reported = new AtomicBoolean();

        @Override
        public void accept(Throwable t) {
            if (deathReport == this && reported.compareAndSet(false, true)) {
                onDeath.accept(t);
            }
        }
    }

    /** Replaces the engine and the probes (after one of their threads died) and registers {@code config}. */
    @Override
    public void restart(Config config) {
        closeEngine();
        open();
        configure(config);
    }

    /** The timer's and the probes' pulses. */
    @Override
    public List<Heartbeat> heartbeats() {
        List<Heartbeat> out = new ArrayList<>();
        out.add(engine.heartbeat());
        if (probe instanceof Probes p) {
            out.addAll(p.heartbeats());
        }
        return out;
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
        registered = Map.copyOf(set);
        Map<lvsd.check.CheckSpec, List<String>> bySpec = new HashMap<>();
        set.forEach((k, cc) -> bySpec.computeIfAbsent(cc.spec(), x -> new ArrayList<>()).add(k));
        keysBySpec = Map.copyOf(bySpec);
        lastRuns.keySet().retainAll(bySpec.keySet());
        runs.retain(Set.copyOf(set.keySet()));
        lastTransition.keySet().retainAll(set.keySet());
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
    public StatusSnapshot.Checks status() {
        CheckEngine.Stats s = engine.stats();
        long up = 0;
        long down = 0;
        List<StatusSnapshot.Check> targets = new ArrayList<>();
        for (Map.Entry<String, Health> e : new TreeMap<>(engine.snapshot()).entrySet()) {
            Health h = e.getValue();
            if (h == Health.UP) {
                up++;
            } else if (h == Health.DOWN) {
                down++;
            }
            CheckConfig c = registered.get(e.getKey());
            Stamped last = lastTransition.get(e.getKey());
            LastRun run = c == null ? null : lastRuns.get(c.spec());
            targets.add(new StatusSnapshot.Check(e.getKey(), c == null ? "" : target(c.spec()),
                    c == null ? "" : kind(c.spec()), h.name().toLowerCase(Locale.ROOT),
                    last == null ? "" : last.transition().reason(), last == null ? "" : last.at().toString(),
                    run == null ? "" : run.result().describe(), run == null ? 0 : Math.round(run.took().toNanos() / 1e3) / 1e3,
                    run == null ? "" : run.at().toString()));
        }
        return new StatusSnapshot.Checks(engine.distinctChecks(), up, down,
                new StatusSnapshot.Runs(s.started(), s.completed(), s.timedOut()), targets);
    }

    /** What a spec probes: the address, or the command line of an external check. */
    static String target(CheckSpec spec) {
        if (spec instanceof CheckSpec.External e) {
            return String.join(" ", e.command());
        }
        if (spec instanceof CheckSpec.Combined c) {
            return c.connect().target().toString();
        }
        if (spec instanceof CheckSpec.Fixed) {
            return "";
        }
        // the other kinds each probe one address
        return spec instanceof CheckSpec.Connect c ? c.target().toString()
                : spec instanceof CheckSpec.Ping p ? p.target().toString()
                : spec instanceof CheckSpec.Http h ? h.target().toString()
                : spec instanceof CheckSpec.Dialog d ? d.target().toString()
                : spec instanceof CheckSpec.Dns n ? n.target().toString()
                : spec instanceof CheckSpec.Radius r ? r.target().toString()
                : spec instanceof CheckSpec.Sql q ? q.target().toString()
                : spec instanceof CheckSpec.Ldap l ? l.target().toString()
                : "";
    }

    /** The check's kind in the config's words (checktype / service). */
    static String kind(CheckSpec spec) {
        return spec instanceof CheckSpec.Connect ? "connect"
                : spec instanceof CheckSpec.Ping ? "ping"
                : spec instanceof CheckSpec.Http h ? (h.tls() ? "https" : "http")
                : spec instanceof CheckSpec.Dialog d ? d.service().name().toLowerCase(Locale.ROOT)
                : spec instanceof CheckSpec.Dns ? "dns"
                : spec instanceof CheckSpec.Radius ? "radius"
                : spec instanceof CheckSpec.Sql q ? q.kind().name().toLowerCase(Locale.ROOT)
                : spec instanceof CheckSpec.Ldap ? "ldap"
                : spec instanceof CheckSpec.External ? "external"
                : spec instanceof CheckSpec.Fixed f ? (f.up() ? "on" : "off")
                : spec instanceof CheckSpec.Combined c ? kind(c.negotiate()) + "+connect"
                : spec.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() {
        closeEngine();
    }

    private void closeEngine() {
        deathReport = null; // the threads this ends are not deaths
        engine.close();
        if (probe instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                // closing at exit: nothing left to do
            }
        }
    }
}
