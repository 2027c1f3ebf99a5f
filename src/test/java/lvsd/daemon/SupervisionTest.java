package lvsd.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import lvsd.check.probe.Probes;
import lvsd.clock.Heartbeat;
import lvsd.clock.Ticker;
import lvsd.config.NameResolver;
import lvsd.sys.GroupLauncher;
import lvsd.testing.RecordingLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Thread death end to end, in real time: the daemon's loop and runner, the real check engine and probes against a
 * loopback server, the in-memory kernel. A test hook kills the selector or the timer thread; the daemon restarts
 * the checks and a real's verdict keeps following the server (the real goes to weight 0 when it stops).
 */
class SupervisionTest {

    private static final Path FILE = Path.of("/etc/lvsd/s.cf");
    private static final GroupLauncher LAUNCHER = new GroupLauncher();

    private final MemoryKernel kernel = new MemoryKernel();
    private final RecordingLog log = new RecordingLog();
    private final DaemonRunner runner = new DaemonRunner();
    private ServerSocket server;
    private EngineHealth health;
    /** The probes the engine uses now (replaced at each restart). */
    private volatile Probes probes;
    /** Deaths the probes and the engine reported. */
    private final java.util.concurrent.atomic.AtomicInteger deaths = new java.util.concurrent.atomic.AtomicInteger();
    private DaemonLoop<LvsdConfig> loop;
    private Thread loopThread;

    @AfterEach
    void stop() throws Exception {
        if (loopThread != null && loopThread.isAlive()) {
            runner.post(new Event.Stop("test over"));
            loopThread.join(10_000);
        }
        if (health != null) {
            health.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private void start() throws Exception {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        String content = """
                checkinterval=1
                negotiatetimeout=1
                quiescent=yes
                virtual=192.168.10.1:80
                    checktype=connect
                    real=127.0.0.1:%d masq 1
                """.formatted(server.getLocalPort());
        health = new EngineHealth(onDeath -> probes = Probes.defaults(Ticker.SYSTEM, LAUNCHER, onDeath), Ticker.SYSTEM,
                Clock.systemUTC(), why -> runner.post(new Event.Reconcile(why)),
                t -> {
                    deaths.incrementAndGet();
                    runner.post(new Event.ThreadDied(Subsystem.CHECKS, Thread.currentThread().getName(), t));
                });
        LvsdBackend backend = new LvsdBackend(kernel, health, NameResolver.system(), Ticker.SYSTEM,
                (argv, d) -> {});
        Timing timing = new Timing(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofMillis(20),
                Duration.ofMillis(100), Duration.ofSeconds(30));
        loop = new DaemonLoop<>(FILE, backend, f -> content.getBytes(StandardCharsets.UTF_8), Ticker.SYSTEM, timing,
                log, Lifecycle.NONE);
        assertThat(loop.start()).isEmpty();
        loopThread = LoopThread.start(runner, loop);
    }

    private void await(String what, BooleanSupplier cond) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out waiting for " + what + "\n" + kernel.save() + log.lines);
            }
            Thread.sleep(10);
        }
    }

    private boolean realWeight(int w) {
        return kernel.save().contains("-r 127.0.0.1:" + server.getLocalPort() + " -m -w " + w + "\n");
    }

    private Heartbeat heartbeat(String thread) {
        return health.heartbeats().stream().filter(h -> h.thread().equals(thread)).findFirst().orElseThrow();
    }

    private void killAndExpectRestart(String thread) throws Exception {
        await("the real in rotation", () -> realWeight(1));
        heartbeat(thread).failNextTurn(new StackOverflowError("injected into " + thread));
        await("the restart logged", () -> log.lines.contains("WARN restarted the health checks from config generation 1"));
        assertThat(log.lines).anyMatch(l -> l.startsWith("ERROR thread " + thread
                + " (health checks) died: java.lang.StackOverflowError: injected into " + thread));
        // the verdict still follows the server: stop it and the real is quiesced
        server.close();
        await("the real quiesced after the server stopped", () -> realWeight(0));
        assertThat(loop.stopped()).isFalse();
        assertThat(heartbeat(thread).lastNanos()).as("the new thread beats").isGreaterThan(0);
    }

    @Test
    void aDeadSelectorIsReplacedAndChecksGoOn() throws Exception {
        start();
        killAndExpectRestart("lvsd-check-nio");
    }

    @Test
    void aDeadTimerIsReplacedAndChecksGoOn() throws Exception {
        start();
        killAndExpectRestart("lvsd-check-timer");
    }

    @Test
    void aStoppedHttpReactorIsReportedAndTheChecksRestarted() throws Exception {
        start();
        await("the real in rotation", () -> realWeight(1));
        Probes before = probes;
        before.killHttpReactor();
        await("the restart logged", () -> log.lines.contains("WARN restarted the health checks from config generation 1"));
        assertThat(log.lines).anyMatch(l -> l.startsWith("ERROR thread lvsd-check-http (health checks) died:"
                + " java.lang.IllegalStateException: the HTTP client's I/O reactor stopped"));
        assertThat(probes).as("fresh probes, with a reactor of their own").isNotSameAs(before);
        server.close();
        await("the real quiesced after the server stopped", () -> realWeight(0));
        assertThat(loop.stopped()).isFalse();
    }

    @Test
    void closingTheChecksIsNotTakenForAReactorDeath() throws Exception {
        java.util.Set<Thread> earlier = Thread.getAllStackTraces().keySet(); // other tests' threads, if any
        start();
        await("the real in rotation", () -> realWeight(1));
        runner.post(new Event.Stop("test"));
        loopThread.join(10_000);
        health.close();
        health = null;
        await("the reactor thread gone", () -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().equals("lvsd-check-http") && t.isAlive() && !earlier.contains(t)));
        assertThat(deaths).hasValue(0);
    }

    @Test
    void aSecondDeathWithinTheWindowStopsTheDaemonWithStatusOne() throws Exception {
        start();
        await("the real in rotation", () -> realWeight(1));
        heartbeat("lvsd-check-timer").failNextTurn(new IllegalStateException("first"));
        await("the restart logged", () -> log.lines.contains("WARN restarted the health checks from config generation 1"));
        heartbeat("lvsd-check-nio").failNextTurn(new IllegalStateException("second"));
        loopThread.join(20_000);
        assertThat(loop.stopped()).isTrue();
        assertThat(loop.exitStatus()).isEqualTo(1);
        assertThat(kernel.save()).as("cleanstop ran").isEmpty();
    }
}
