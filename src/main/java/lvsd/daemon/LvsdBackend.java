package lvsd.daemon;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import lvsd.config.Config;
import lvsd.config.ConfigParser;
import lvsd.config.Diagnostic;
import lvsd.config.NameResolver;
import lvsd.config.ParseResult;
import lvsd.config.vrrp.VrrpConfig;
import lvsd.config.VirtualService;
import lvsd.director.ConfigMapping;
import lvsd.director.CycleResult;
import lvsd.director.DestRef;
import lvsd.director.FallbackMachine;
import lvsd.director.RealStatus;
import lvsd.ipvs.ServiceKey;
import lvsd.ipvsadm.IpvsadmSyntax;
import lvsd.vrrp.StateChange;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.function.Consumer;
import lvsd.director.Director;
import lvsd.director.DirectorState;
import lvsd.director.Effect;
import lvsd.director.HealthView;
import lvsd.director.MaintenanceSet;
import lvsd.ipvs.IpvsOp;
import lvsd.ipvs.IpvsTable;
import lvsd.status.StatusSnapshot;

/**
 * The daemon's backend for ldirectord.cf: the config parser, the director, the kernel and the embedded VRRP.
 * One cycle is one table dump, one {@link Director#cycle}, one batch of changes; fallbackcommand effects are
 * launched in the background. The director's state (what lvsd owns, drains, fallback and logged statuses) lives
 * here between cycles and survives reloads. This is the one place where the director's view reaches VRRP:
 * after each cycle, the set of virtuals with a real in rotation is published for {@code track_virtual}.
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
    private final Clock clock;
    private final Launcher launcher;
    private final VrrpPort vrrpPort;
    private final Consumer<StateChange> vrrpListener;
    private final Director director = new Director();
    private DirectorState state = DirectorState.INITIAL;
    private long effectsRun;
    private VrrpPort.Running vrrp;
    private VrrpConfig vrrpConfig = VrrpConfig.EMPTY;
    /** track_virtual names with a real in rotation; written by the loop thread, read by the VRRP thread. */
    private volatile Set<String> healthyVirtuals = Set.of();

    public LvsdBackend(Kernel kernel, HealthSource health, NameResolver resolver, Clock clock, Launcher launcher) {
        this(kernel, health, resolver, clock, launcher, VrrpPort.NONE, c -> {});
    }

    public LvsdBackend(Kernel kernel, HealthSource health, NameResolver resolver, Clock clock, Launcher launcher,
            VrrpPort vrrpPort, Consumer<StateChange> vrrpListener) {
        this.kernel = Objects.requireNonNull(kernel, "kernel");
        this.health = Objects.requireNonNull(health, "health");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.launcher = Objects.requireNonNull(launcher, "launcher");
        this.vrrpPort = Objects.requireNonNull(vrrpPort, "vrrpPort");
        this.vrrpListener = Objects.requireNonNull(vrrpListener, "vrrpListener");
    }

    @Override
    public Parsed<LvsdConfig> parse(Path file, byte[] content) {
        ParseResult r = new ConfigParser(resolver).parseBytes(file.toString(), content);
        if (!r.ok()) {
            return new Parsed.Rejected<>(r.errors().stream().map(Diagnostic::toString).toList());
        }
        return new Parsed.Accepted<>(new LvsdConfig(r.config()),
                MaintenanceDir.withDiskWarnings(r).stream().map(Diagnostic::toString).toList());
    }

    @Override
    public LoopSettings settings(LvsdConfig config) {
        return new LoopSettings(config.config().globals().autoReload(), config.config().globals().callbackArgv());
    }

    @Override
    public void activate(Optional<LvsdConfig> previous, LvsdConfig next) {
        health.configure(next.config());
        if (vrrp != null && next.vrrp().equals(vrrpConfig)) {
            return; // unchanged: VRRP keeps its state (no hand-over on every reload)
        }
        if (vrrp != null) {
            vrrp.close(); // graceful: priority 0, so a backup takes over until the new instances settle
            vrrp = null;
        }
        vrrpConfig = next.vrrp();
        if (!vrrpConfig.isEmpty()) {
            try {
                vrrp = vrrpPort.start(vrrpConfig, name -> healthyVirtuals.contains(name), vrrpListener);
            } catch (Exception e) {
                vrrpConfig = VrrpConfig.EMPTY;
                throw new IllegalStateException("cannot start VRRP: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public CycleReport reconcile(LvsdConfig lc) {
        Config config = lc.config();
        if (config.virtuals().isEmpty() && state.owned().isEmpty()) {
            return CycleReport.nothing(); // VRRP-only: no IPVS needed
        }
        IpvsTable table = kernel.table();
        CycleResult r = director.cycle(state, config, health.view(), maintenance(config), table, clock.instant());
        CycleReport report = applied(r.ops(), r, r.log());
        publishVirtualHealth(config);
        return report;
    }

    @Override
    public CycleReport shutdown(LvsdConfig lc) {
        if (vrrp != null) {
            vrrp.close(); // hand the VIPs over first, then empty the table
            vrrp = null;
        }
        Config config = lc.config();
        if (config.virtuals().isEmpty() && state.owned().isEmpty()) {
            return CycleReport.nothing();
        }
        List<IpvsOp> ops = director.stop(state, config, kernel.table());
        List<String> log = new ArrayList<>();
        for (IpvsOp op : ops) {
            log.add("stop (cleanstop): " + IpvsadmSyntax.op(op));
        }
        return applied(ops, null, log);
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

    /**
     * A virtual is healthy for track_virtual while at least one of its reals is in rotation (the fallback does not
     * count). It answers to {@link VirtualService#trackNames}: its servicename=, its address as written after
     * virtual= ({@code 192.168.1.1:80}, a fwmark number) and lvsd's own label ({@code tcp:192.168.1.1:80}).
     */
    private void publishVirtualHealth(Config config) {
        Set<ServiceKey> up = new HashSet<>();
        for (var e : state.statuses().entrySet()) {
            if (e.getValue().kind() == RealStatus.Kind.UP) {
                up.add(e.getKey().service());
            }
        }
        Set<String> names = new HashSet<>();
        for (VirtualService v : config.virtuals()) {
            if (up.contains(ConfigMapping.key(v.key()))) {
                names.addAll(v.trackNames()); // the names the parser accepted for track_virtual=
            }
        }
        if (!names.equals(healthyVirtuals)) {
            healthyVirtuals = Set.copyOf(names);
            if (vrrp != null) {
                vrrp.trackersChanged();
            }
        }
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
        return new StatusSnapshot(StatusSnapshot.VERSION, daemon, director(), health.status(),
                vrrp == null ? null : vrrp.status());
    }

    /** The director's state as the status shows it: virtuals by service, reals by endpoint. */
    private StatusSnapshot.Director director() {
        Map<String, ServiceKey> services = new TreeMap<>();
        Map<ServiceKey, Map<String, StatusSnapshot.Real>> reals = new HashMap<>();
        for (var e : state.statuses().entrySet()) {
            DestRef d = e.getKey();
            RealStatus st = e.getValue();
            services.put(d.service().ipvsadm(), d.service());
            reals.computeIfAbsent(d.service(), k -> new TreeMap<>()).put(d.endpoint(),
                    new StatusSnapshot.Real(d.endpoint(), st.kind().word(), st.weight(),
                            st.kind() == RealStatus.Kind.FALLBACK, state.draining().containsKey(d)));
        }
        state.fallback().keySet().forEach(k -> services.put(k.ipvsadm(), k));
        List<StatusSnapshot.Virtual> virtuals = new ArrayList<>();
        for (ServiceKey k : services.values()) {
            virtuals.add(new StatusSnapshot.Virtual(k.ipvsadm(),
                    state.fallback().get(k) == FallbackMachine.State.ON,
                    List.copyOf(reals.getOrDefault(k, Map.of()).values())));
        }
        return new StatusSnapshot.Director(state.owned().size(), state.draining().size(), effectsRun, virtuals);
    }

    @Override
    public void close() {
        if (vrrp != null) {
            vrrp.close();
            vrrp = null;
        }
        health.close();
        kernel.close();
    }

    /** The health the director sees; a static view until the check engine is wired in. */
    public interface HealthSource extends AutoCloseable {
        void configure(Config config);

        HealthView view();

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
