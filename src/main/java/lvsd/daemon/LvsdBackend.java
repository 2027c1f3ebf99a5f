package lvsd.daemon;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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
import lvsd.director.CycleResult;
import lvsd.director.Director;
import lvsd.director.DirectorState;
import lvsd.director.Effect;
import lvsd.director.HealthView;
import lvsd.director.MaintenanceDir;
import lvsd.director.MaintenanceSet;
import lvsd.ipvs.IpvsOp;
import lvsd.ipvs.IpvsTable;
import lvsd.metrics.PrometheusText;

/**
 * The daemon's backend for ldirectord.cf: the config parser, the director and the kernel. One cycle is one
 * table dump, one {@link Director#cycle}, one batch of changes; fallbackcommand effects are launched in the
 * background. The director's state (what lvsd owns, drains, fallback and logged statuses) lives here between
 * cycles and survives reloads.
 */
public final class LvsdBackend implements Backend<Config> {

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
    private final Director director = new Director();
    private DirectorState state = DirectorState.INITIAL;
    private long effectsRun;

    public LvsdBackend(Kernel kernel, HealthSource health, NameResolver resolver, Clock clock, Launcher launcher) {
        this.kernel = Objects.requireNonNull(kernel, "kernel");
        this.health = Objects.requireNonNull(health, "health");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.launcher = Objects.requireNonNull(launcher, "launcher");
    }

    @Override
    public Parsed<Config> parse(Path file, byte[] content) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content))
                    .toString();
        } catch (CharacterCodingException e) {
            return new Parsed.Rejected<>(List.of(file + ":1: not valid UTF-8 text"));
        }
        ParseResult r = new ConfigParser(resolver).parseText(file.toString(), text);
        if (!r.ok()) {
            return new Parsed.Rejected<>(r.errors().stream().map(Diagnostic::toString).toList());
        }
        return new Parsed.Accepted<>(r.config(), r.warnings().stream().map(Diagnostic::toString).toList());
    }

    @Override
    public LoopSettings settings(Config config) {
        return new LoopSettings(config.globals().autoReload(), config.globals().callback());
    }

    @Override
    public void activate(Optional<Config> previous, Config next) {
        health.configure(next);
    }

    @Override
    public CycleReport reconcile(Config config) {
        IpvsTable table = kernel.table();
        CycleResult r = director.cycle(state, config, health.view(), maintenance(config), table, clock.instant());
        return applied(r.ops(), r, r.log());
    }

    @Override
    public CycleReport shutdown(Config config) {
        List<IpvsOp> ops = director.stop(state, config, kernel.table());
        List<String> log = new ArrayList<>();
        for (IpvsOp op : ops) {
            log.add("stop (cleanstop): " + op.ipvsadm());
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
                    List<String> argv = new ArrayList<>();
                    argv.add(fc.command());
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
    public String statusJson() {
        StringBuilder b = new StringBuilder("{\"owned_services\":").append(state.owned().size());
        b.append(",\"draining\":").append(state.draining().size());
        b.append(",\"reals\":[");
        boolean first = true;
        for (var e : state.statuses().entrySet()) {
            b.append(first ? "" : ",");
            first = false;
            b.append("{\"service\":").append(Json.str(e.getKey().service().toString()))
                    .append(",\"real\":").append(Json.str(e.getKey().endpoint()))
                    .append(",\"status\":").append(Json.str(e.getValue().toString())).append('}');
        }
        b.append("]");
        b.append(",\"health\":").append(health.statusJson());
        return b.append('}').toString();
    }

    @Override
    public void metrics(PrometheusText out) {
        out.family("lvsd_owned_services", PrometheusText.Type.GAUGE, "Virtual services lvsd manages.");
        out.sample("lvsd_owned_services", state.owned().size());
        out.family("lvsd_draining_destinations", PrometheusText.Type.GAUGE, "Destinations being drained.");
        out.sample("lvsd_draining_destinations", state.draining().size());
        out.family("lvsd_fallbackcommands_total", PrometheusText.Type.COUNTER, "fallbackcommand runs launched.");
        out.sample("lvsd_fallbackcommands_total", effectsRun);
    }

    @Override
    public void close() {
        health.close();
        kernel.close();
    }

    /** The health the director sees; a static view until the check engine is wired in. */
    public interface HealthSource extends AutoCloseable {
        void configure(Config config);

        HealthView view();

        default String statusJson() {
            return "{}";
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
