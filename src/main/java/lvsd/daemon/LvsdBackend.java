package lvsd.daemon;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import lvsd.clock.Ticker;
import lvsd.config.Config;
import lvsd.config.ConfigParser;
import lvsd.config.Diagnostic;
import lvsd.config.NameResolver;
import lvsd.config.ParseResult;
import lvsd.config.VrrpConfig;
import lvsd.director.CycleResult;
import lvsd.ipvsadm.IpvsadmSyntax;
import lvsd.vrrp.StateChange;
import java.util.function.Consumer;
import lvsd.director.Director;
import lvsd.director.DirectorStatus;
import lvsd.director.TrackedVirtuals;
import lvsd.director.DirectorState;
import lvsd.director.Effect;
import lvsd.director.HealthView;
import lvsd.director.MaintenanceSet;
import lvsd.ipvs.IpvsOp;
import lvsd.ipvs.IpvsTable;
import lvsd.status.StatusSnapshot;
import lvsd.clock.Heartbeat;

/**
 * The daemon's backend for ldirectord.cf: wires the one parse, the director, the kernel, the checks and the
 * embedded VRRP ({@link EmbeddedVrrp}). One cycle is one table dump, one {@link Director#cycle}, one batch of
 * changes; fallbackcommand effects are launched in the background. The director's state (what lvsd owns, drains,
 * fallback and logged statuses) lives here between cycles and survives reloads. After each cycle the virtuals
 * with a real in rotation ({@link TrackedVirtuals}) go to VRRP for {@code track_virtual}.
 * A config without virtual services never touches IPVS (a VRRP-only node needs no ip_vs module).
 */
public final class LvsdBackend implements Backend<LvsdConfig> {

    /** Runs a program in the background with a deadline (fallbackcommand). */
    @FunctionalInterface
    public interface Launcher {
        void launch(List<String> argv, Duration deadline);
    }

    /** How long a fallbackcommand may run. */
    static final Duration EFFECT_DEADLINE = Duration.ofSeconds(30);

    private final Kernel kernel;
    private final HealthSource health;
    private final NameResolver resolver;
    private final Ticker ticker;
    private final Launcher launcher;
    private final EmbeddedVrrp vrrp;
    private final Director director = new Director();
    private DirectorState state = DirectorState.INITIAL;
    private IpvsTable lastTable; // the last reconcile's dump, before its changes (null before the first)
    private long effectsRun;

    public LvsdBackend(Kernel kernel, HealthSource health, NameResolver resolver, Ticker ticker, Launcher launcher) {
        this(kernel, health, resolver, ticker, launcher, VrrpPort.NONE, c -> {});
    }

    public LvsdBackend(Kernel kernel, HealthSource health, NameResolver resolver, Ticker ticker, Launcher launcher,
            VrrpPort vrrpPort, Consumer<StateChange> vrrpListener) {
        this.kernel = Objects.requireNonNull(kernel, "kernel");
        this.health = Objects.requireNonNull(health, "health");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.launcher = Objects.requireNonNull(launcher, "launcher");
        this.vrrp = new EmbeddedVrrp(vrrpPort, vrrpListener);
    }

    @Override
    public Parsed<LvsdConfig> parse(Path file, byte[] content) {
        ParseResult r = new ConfigParser(resolver).parseBytes(file.toString(), content);
        if (!r.ok()) {
            return new Parsed.Rejected<>(r.errors().stream().map(Diagnostic::toString).toList(), r.retryable());
        }
        return new Parsed.Accepted<>(new LvsdConfig(r.config()),
                MaintenanceDir.withDiskWarnings(r).stream().map(Diagnostic::toString).toList());
    }

    @Override
    public LoopSettings settings(LvsdConfig config) {
        return new LoopSettings(config.config().globals().autoReload(), config.config().globals().callbackArgv(),
                config.config().globals().reloadGuard());
    }

    @Override
    public Optional<String> largeRemoval(LvsdConfig running, LvsdConfig next) {
        java.util.Set<lvsd.config.VirtualKey> kept = new java.util.HashSet<>();
        next.config().virtuals().forEach(v -> kept.add(v.key()));
        List<String> removed = running.config().virtuals().stream().filter(v -> !kept.contains(v.key()))
                .map(v -> v.key().toString()).toList();
        int before = running.config().virtuals().size();
        if (removed.isEmpty() || removed.size() * 2 <= before) {
            return Optional.empty();
        }
        return Optional.of("it removes " + removed.size() + " of the " + before + " virtual services ("
                + String.join(", ", removed.subList(0, Math.min(5, removed.size())))
                + (removed.size() > 5 ? ", ..." : "") + ")");
    }

    /**
     * All or nothing: VRRP first (the part that can fail for reasons outside the file: its sockets cannot be
     * opened), then the checks; a failure of either puts the previous VRRP instances and checks back before it
     * throws, so the loop's "keeping config generation N" is true. The IPVS table is only touched by the
     * reconcile that follows an activation that succeeded.
     */
    @Override
    public void activate(Optional<LvsdConfig> previous, LvsdConfig next) {
        VrrpConfig vrrpBefore = vrrp.config();
        vrrp.activate(next.vrrp()); // restores the old instances itself when the new ones do not start
        try {
            health.configure(next.config());
        } catch (RuntimeException e) {
            try {
                previous.ifPresent(p -> health.configure(p.config()));
                vrrp.activate(vrrpBefore);
            } catch (RuntimeException again) {
                throw new RollbackFailed("cannot configure the new checks (" + e.getMessage()
                        + ") nor put the old ones back (" + again.getMessage() + ")", again);
            }
            throw new IllegalStateException("cannot configure the health checks: " + e.getMessage(), e);
        }
    }

    @Override
    public CycleReport reconcile(LvsdConfig lc) {
        Config config = lc.config();
        if (config.virtuals().isEmpty() && state.owned().isEmpty()) {
            return CycleReport.nothing(); // VRRP-only: no IPVS needed
        }
        IpvsTable table = kernel.table();
        lastTable = table; // the status snapshot's kernel counters (metrics): no second dump
        CycleResult r = director.cycle(state, config, health.view(), maintenance(config), table, ticker.nanos());
        CycleReport report = applied(r.ops(), r, r.log());
        vrrp.healthyVirtuals(TrackedVirtuals.healthy(state, config));
        return report;
    }

    @Override
    public void restart(Subsystem subsystem, LvsdConfig config) {
        switch (subsystem) {
            case CHECKS -> health.restart(config.config());
            case VRRP -> vrrp.restart(config.vrrp());
            default -> throw new IllegalArgumentException("lvsd does not restart the " + subsystem.label());
        }
    }

    @Override
    public List<Heartbeat> heartbeats() {
        List<Heartbeat> out = new ArrayList<>(health.heartbeats());
        out.addAll(vrrp.heartbeats());
        return out;
    }

    @Override
    public CycleReport shutdown(LvsdConfig lc) {
        vrrp.close(); // hand the VIPs over first, then empty the table
        Config config = lc.config();
        if (config.virtuals().isEmpty() && state.owned().isEmpty()) {
            return CycleReport.nothing();
        }
        // apply, re-dump, retry once what is still there: a stop that leaves lvsd's services behind must say so
        List<String> log = new ArrayList<>();
        int applied = 0;
        int failed = 0;
        List<IpvsOp> ops = director.stop(state, config, kernel.table());
        for (int attempt = 1; !ops.isEmpty(); attempt++) {
            String step = attempt == 1 ? "stop (cleanstop): " : "stop (cleanstop, retry): ";
            for (IpvsOp op : ops) {
                log.add(step + IpvsadmSyntax.op(op));
            }
            List<String> refused;
            try {
                refused = kernel.apply(ops);
            } catch (RuntimeException e) {
                refused = List.of("the whole batch: " + e.getMessage());
            }
            applied += Math.max(0, ops.size() - refused.size());
            failed += refused.size();
            for (String r : refused) {
                log.add("kernel refused " + r);
            }
            List<IpvsOp> still;
            try {
                still = director.stop(state, config, kernel.table());
            } catch (RuntimeException e) {
                throw new StopIncomplete(new CycleReport(applied, failed, log),
                        List.of("unknown (cannot read the table back: " + e.getMessage() + ")"));
            }
            if (!still.isEmpty() && attempt == 2) {
                throw new StopIncomplete(new CycleReport(applied, failed, log),
                        still.stream().map(op -> op.serviceKey().ipvsadm()).toList());
            }
            ops = still;
        }
        return new CycleReport(applied, failed, log);
    }

    private CycleReport applied(List<IpvsOp> ops, CycleResult result, List<String> transitions) {
        List<String> refused = ops.isEmpty() ? List.of() : kernel.apply(ops);
        List<String> log = new ArrayList<>(transitions);
        for (String r : refused) {
            log.add("kernel refused " + r);
        }
        if (result != null) {
            // the state advances even when some ops failed: the next cycle sees the real table and retries
            state = result.state();
            for (Effect e : result.effects()) {
                if (e instanceof Effect.FallbackCommand fc) {
                    List<String> argv = new ArrayList<>(fc.command());
                    argv.addAll(fc.arguments());
                    log.add("running fallbackcommand: " + String.join(" ", argv));
                    launcher.launch(argv, EFFECT_DEADLINE);
                    effectsRun++;
                }
            }
        }
        return new CycleReport(ops.size() - refused.size(), refused.size(), log);
    }

    private static MaintenanceSet maintenance(Config config) {
        Optional<String> dir = config.globals().maintenanceDir();
        if (dir.isEmpty()) {
            return MaintenanceSet.EMPTY;
        }
        try {
            return MaintenanceDir.scan(Path.of(dir.get()));
        } catch (IOException e) {
            // a missing directory is a warning at parse time (as ldirectord); nothing is in maintenance
            return MaintenanceSet.EMPTY;
        }
    }

    @Override
    public StatusSnapshot status(StatusSnapshot.Daemon daemon) {
        return new StatusSnapshot(StatusSnapshot.VERSION, daemon, DirectorStatus.of(state, effectsRun, lastTable),
                health.status(), vrrp.status());
    }

    @Override
    public String dump(LvsdConfig config) {
        return lvsd.config.ConfigJson.dump(config.config());
    }

    @Override
    public void close() {
        vrrp.close();
        health.close();
        kernel.close();
    }

    /** The health the director sees; a static view until the check engine is wired in. */
    public interface HealthSource extends AutoCloseable {
        void configure(Config config);

        HealthView view();

        /** The engine's threads died: replace them and register {@code config} again. */
        default void restart(Config config) {
            configure(config);
        }

        /** The pulses of the threads behind this health. */
        default List<Heartbeat> heartbeats() {
            return List.of();
        }

        default StatusSnapshot.Checks status() {
            return StatusSnapshot.Checks.NONE;
        }

        @Override
        default void close() {}

        /**
         * No checks: checktype=off reals are down, every other real is up. This is the "until health checks
         * land every real server is treated as up".
         */
        static HealthSource assumeUp() {
            return new HealthSource() {
                @Override
                public void configure(Config config) {}

                @Override
                public HealthView view() {
                    return HealthView.staticView(true);
                }
            };
        }
    }
}
