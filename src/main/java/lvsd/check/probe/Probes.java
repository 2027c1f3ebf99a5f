package lvsd.check.probe;

import java.util.List;
import java.util.function.Consumer;
import lvsd.clock.Heartbeat;
import lvsd.check.CheckResult;
import lvsd.check.CheckSpec;
import lvsd.check.Probe;
import lvsd.clock.Ticker;
import lvsd.process.Launcher;

/** Routes each spec kind to the probe that runs it; owns the probes' threads. */
public final class Probes implements Probe, AutoCloseable {

    private final NioLoop loop;
    private final ConnectProbe connect;
    private final HttpProbe http;
    private final PlainHttpProbe plainHttp;
    private final ExternalProbe external;
    private final BlockingProbe blocking;
    private final PingProbe ping;
    private final ReceiveMatcher matcher;

    /**
     * {@code httpThreads}: httpclient5 I/O reactor threads (https, redirects); {@code maxDialogs}: blocking checks
     * in flight; {@code launcher} runs checktype=external commands.
     */
    public Probes(Ticker ticker, int httpThreads, int maxDialogs, Launcher launcher) {
        this(ticker, httpThreads, maxDialogs, launcher, ByteBudget.DEFAULT_LIMIT, t -> {});
    }

    /** {@code bufferedBytes}: the most HTTP response bytes all checks together may hold at once. */
    public Probes(Ticker ticker, int httpThreads, int maxDialogs, Launcher launcher, long bufferedBytes) {
        this(ticker, httpThreads, maxDialogs, launcher, bufferedBytes, t -> {});
    }

    /**
     * {@code onDeath}: called (on the dying thread) when the selector thread fails or the HTTP client's I/O
     * reactor stops; rebuild the probes then.
     */
    public Probes(Ticker ticker, int httpThreads, int maxDialogs, Launcher launcher, Consumer<Throwable> onDeath) {
        this(ticker, httpThreads, maxDialogs, launcher, ByteBudget.DEFAULT_LIMIT, onDeath);
    }

    public Probes(Ticker ticker, int httpThreads, int maxDialogs, Launcher launcher, long bufferedBytes,
            Consumer<Throwable> onDeath) {
        ByteBudget budget = new ByteBudget(bufferedBytes);
        this.matcher = new ReceiveMatcher(ticker, 2, 64);
        this.loop = new NioLoop("lvsd-check-nio", ticker, onDeath);
        this.connect = new ConnectProbe(loop);
        this.http = new HttpProbe(ticker, httpThreads, maxDialogs, matcher, budget, onDeath);
        this.plainHttp = new PlainHttpProbe(loop, http, matcher, budget);
        this.external = new ExternalProbe(launcher);
        this.blocking = new BlockingProbe(ticker, maxDialogs);
        this.ping = new PingProbe(ticker);
    }

    public static Probes defaults(Ticker ticker, Launcher launcher) {
        return new Probes(ticker, 1, 512, launcher);
    }

    public static Probes defaults(Ticker ticker, Launcher launcher, Consumer<Throwable> onDeath) {
        return new Probes(ticker, 1, 512, launcher, onDeath);
    }

    /** The selector thread's pulse (and the fault tests' hook into it). */
    public List<Heartbeat> heartbeats() {
        return List.of(loop.heartbeat());
    }

    /** Test hook: stops the HTTP client's I/O reactor under the checks, as a failure of the reactor would. */
    public void killHttpReactor() {
        http.killReactor();
    }

    @Override
    public Cancel start(CheckSpec spec, long deadlineNanos, Consumer<CheckResult> done) {
        if (spec instanceof CheckSpec.Connect) {
            return connect.start(spec, deadlineNanos, done);
        } else if (spec instanceof CheckSpec.Http) {
            return plainHttp.start(spec, deadlineNanos, done);
        } else if (spec instanceof CheckSpec.External) {
            return external.start(spec, deadlineNanos, done);
        } else if (spec instanceof CheckSpec.Ping) {
            return ping.start(spec, deadlineNanos, done);
        } else if (spec instanceof CheckSpec.Fixed f) {
            done.accept(f.up() ? CheckResult.Up.PLAIN : new CheckResult.Down("checks are off"));
            return Cancel.NONE;
        } else if (spec instanceof CheckSpec.Combined) {
            throw new IllegalArgumentException("the engine resolves combined checks before probing");
        }
        return blocking.start(spec, deadlineNanos, done);
    }

    @Override
    public void close() {
        loop.close();
        http.close();
        blocking.close();
        matcher.close();
    }
}
