package lvsd.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import lvsd.check.probe.Probes;
import lvsd.clock.Heartbeat;
import lvsd.clock.Ticker;
import lvsd.config.NameResolver;
import lvsd.sys.GroupLauncher;
import lvsd.sys.LibC;
import lvsd.sys.SdNotify;
import lvsd.testing.RecordingLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * systemd's notify protocol end to end, in real time: the real event loop and runner (with the reload parse
 * executor), the real check engine against a loopback server, the in-memory kernel, and a real AF_UNIX datagram
 * socket bound here as systemd binds $NOTIFY_SOCKET. The test reads every datagram lvsd sends.
 */
class SystemdNotifyTest {

    private static final Path FILE = Path.of("/etc/lvsd/n.cf");
    private static final GroupLauncher LAUNCHER = new GroupLauncher();
    /** 2.5 s: above the subsystems' one-second turn, short enough for a test. */
    private static final Duration WATCHDOG = Duration.ofMillis(2500);

    @TempDir
    Path dir;

    private final MemoryKernel kernel = new MemoryKernel();
    private final RecordingLog log = new RecordingLog();
    private final DaemonRunner runner = new DaemonRunner();
    private final ExecutorService parses = Executors.newSingleThreadExecutor();
    private volatile String content;
    private ServerSocket server;
    private EngineHealth health;
    private LvsdBackend backend;
    private DaemonLoop<LvsdConfig> loop;
    private Thread loopThread;
    private SdNotify notify;
    private Optional<Watchdog> watchdog = Optional.empty();
    private int receiver = -1;

    @AfterEach
    void stop() throws Exception {
        if (loopThread != null && loopThread.isAlive()) {
            runner.post(new Event.Stop("test over"));
            loopThread.join(10_000);
        }
        watchdog.ifPresent(Watchdog::close);
        parses.shutdownNow();
        if (health != null) {
            health.close();
        }
        if (server != null) {
            server.close();
        }
        if (notify != null) {
            notify.close();
        }
        if (receiver >= 0) {
            LibC.close(receiver);
        }
    }

    private String config(int weight) {
        return """
                checkinterval=1
                negotiatetimeout=1
                virtual=192.168.10.1:80
                    checktype=connect
                    real=127.0.0.1:%d masq %d
                """.formatted(server.getLocalPort(), weight);
    }

    /** Binds the notify socket, builds the daemon as DaemonMain does, starts it; the watchdog when asked. */
    private void start(Map<String, String> env) throws Exception {
        String socket = dir.resolve("notify").toString();
        byte[] name = socket.getBytes(StandardCharsets.UTF_8);
        receiver = LibC.socket(LibC.AF_UNIX, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0);
        byte[] sockaddr = new byte[110]; // struct sockaddr_un: AF_UNIX (u16, host order), the path, a NUL
        sockaddr[0] = (byte) LibC.AF_UNIX;
        System.arraycopy(name, 0, sockaddr, 2, name.length);
        LibC.bind(receiver, sockaddr, 2 + name.length + 1);
        notify = SdNotify.forSocket(socket);

        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        content = config(1);
        health = new EngineHealth(onDeath -> Probes.defaults(Ticker.SYSTEM, LAUNCHER, onDeath), Ticker.SYSTEM,
                Clock.systemUTC(), why -> runner.post(new Event.Reconcile(why)),
                t -> runner.post(new Event.ThreadDied(Subsystem.CHECKS, Thread.currentThread().getName(), t)));
        backend = new LvsdBackend(kernel, health, NameResolver.system(), Ticker.SYSTEM, (argv, d) -> {});
        DaemonOutputs outputs = new DaemonOutputs(FILE, backend, Optional.of(notify),
                new ProgramLauncher(log, LAUNCHER), Optional.empty(), log);
        Timing timing = new Timing(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofMillis(20),
                Duration.ofMillis(100), Duration.ofSeconds(30));
        loop = new DaemonLoop<>(FILE, backend, f -> content.getBytes(StandardCharsets.UTF_8), Ticker.SYSTEM, timing,
                log, outputs, parses, runner::post);
        watchdog = Watchdog.start(Optional.of(notify), env, DaemonMain.heartbeats(runner, backend), Ticker.SYSTEM,
                log);
        watchdog.ifPresent(w -> outputs.onStopping(w::stopping));
        assertThat(loop.start()).isEmpty();
        loopThread = LoopThread.start(runner, loop);
    }

    /** The next datagram that is not a watchdog ping, or an error after 20 s. */
    private String next() throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (true) {
            String m = poll();
            if (m != null && !m.equals("WATCHDOG=1")) {
                return m;
            }
            if (m == null) {
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError("no notification within 20 s\n" + logged());
                }
                Thread.sleep(10);
            }
        }
    }

    /** One datagram if one is waiting, else null. */
    private String poll() {
        byte[] buf = new byte[4096];
        try {
            long n = LibC.recv(receiver, buf, buf.length, LibC.MSG_DONTWAIT);
            return new String(Arrays.copyOf(buf, (int) n), StandardCharsets.UTF_8);
        } catch (com.sun.jna.LastErrorException e) {
            if (e.getErrorCode() == LibC.EAGAIN) {
                return null;
            }
            throw e;
        }
    }

    /** Every datagram that arrives within {@code d}. */
    private List<String> collect(Duration d) throws InterruptedException {
        List<String> out = new ArrayList<>();
        long end = System.nanoTime() + d.toNanos();
        while (System.nanoTime() - end < 0) {
            for (String m; (m = poll()) != null; ) {
                out.add(m);
            }
            Thread.sleep(10);
        }
        return out;
    }

    private List<String> logged() {
        synchronized (log.lines) {
            return List.copyOf(log.lines);
        }
    }

    private void await(String what, BooleanSupplier cond) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out waiting for " + what + "\n" + logged());
            }
            Thread.sleep(10);
        }
    }

    private static String pid() {
        return Long.toString(ProcessHandle.current().pid());
    }

    private static long monotonicUsec(String reloading) {
        String line = reloading.lines().filter(l -> l.startsWith("MONOTONIC_USEC=")).findFirst().orElseThrow();
        return Long.parseLong(line.substring("MONOTONIC_USEC=".length()));
    }

    @Test
    void startReloadRejectedReloadAndStopNotifyInOrder() throws Exception {
        start(Map.of());
        String ready = next();
        assertThat(ready).isEqualTo("READY=1\nSTATUS=running: config generation 1 applied\nMAINPID=" + pid());
        assertThat(kernel.save()).as("READY=1 comes after the first applied cycle").contains("-A -t 192.168.10.1:80");
        await("the real in rotation", () -> kernel.save().contains("-r 127.0.0.1:" + server.getLocalPort() + " -m -w 1"));

        content = config(7);
        long before = SdNotify.monotonicMicros();
        runner.post(new Event.Reload("SIGHUP"));
        String reloading = next();
        long after = SdNotify.monotonicMicros();
        assertThat(reloading).matches("RELOADING=1\nMONOTONIC_USEC=\\d+\nSTATUS=reloading");
        assertThat(monotonicUsec(reloading)).as("CLOCK_MONOTONIC µs at the reload").isBetween(before, after);
        assertThat(next()).isEqualTo("READY=1\nSTATUS=running: config generation 2 applied\nMAINPID=" + pid());
        assertThat(kernel.save()).contains(" -w 7");

        content = config(7).replace("checktype=connect", "checktype=nonsense");
        runner.post(new Event.Reload("SIGHUP"));
        assertThat(next()).startsWith("RELOADING=1\nMONOTONIC_USEC=");
        String rejected = next();
        assertThat(rejected).startsWith("READY=1\nSTATUS=running: config generation 2 kept, reload rejected: "
                + FILE + ":4").endsWith("\nMAINPID=" + pid());
        assertThat(rejected.lines().count()).as("STATUS= is one line").isEqualTo(3);
        assertThat(kernel.save()).as("the rejected file changed nothing").contains(" -w 7");

        runner.post(new Event.Stop("SIGTERM"));
        assertThat(next()).isEqualTo("STOPPING=1\nSTATUS=stopping");
        loopThread.join(10_000);
        assertThat(loop.exitStatus()).isZero();
        assertThat(collect(Duration.ofMillis(300))).as("nothing after STOPPING=1").isEmpty();
    }

    @Test
    void noWatchdogWithoutWatchdogUsecOrForAnotherPid() throws Exception {
        start(Map.of("WATCHDOG_USEC", "2500000", "WATCHDOG_PID", "1"));
        assertThat(watchdog).isEmpty();
        assertThat(next()).startsWith("READY=1");
        assertThat(collect(Duration.ofSeconds(2))).as("no pings").isEmpty();
    }

    /** Wedges one heartbeat's thread: pings stop (one ERROR naming it), and resume once it is released. */
    private void wedgeStopsPings(Heartbeat wedged) throws Exception {
        assertThat(collect(WATCHDOG.multipliedBy(2))).as("healthy: pings every half interval")
                .filteredOn("WATCHDOG=1"::equals).hasSizeBetween(2, 6);
        wedged.wedge();
        try {
            String stale = "ERROR watchdog: thread " + wedged.thread() + " has not taken a turn for ";
            await("the stale heartbeat logged", () -> logged().stream().anyMatch(l -> l.startsWith(stale)));
            collect(Duration.ofMillis(50)); // the pings sent before the look that found it stale
            assertThat(collect(WATCHDOG.multipliedBy(2))).as("no ping while " + wedged.thread() + " is wedged")
                    .doesNotContain("WATCHDOG=1");
            assertThat(logged()).as("logged once").filteredOn(l -> l.startsWith(stale)).hasSize(1);
            assertThat(logged()).filteredOn(l -> l.startsWith("ERROR watchdog:")).hasSize(1);
        } finally {
            wedged.unwedge();
        }
        await("a ping after the release", () -> "WATCHDOG=1".equals(poll()));
        assertThat(logged()).contains("WARN watchdog: thread " + wedged.thread() + " is beating again;"
                + " WATCHDOG=1 resumes");
    }

    private Map<String, String> watchdogEnv() {
        return Map.of("WATCHDOG_USEC", Long.toString(WATCHDOG.toNanos() / 1000), "WATCHDOG_PID", pid());
    }

    @Test
    void aWedgedEventLoopStopsTheWatchdogPings() throws Exception {
        start(watchdogEnv());
        assertThat(next()).startsWith("READY=1");
        await("the runner turning", () -> !runner.heartbeats().isEmpty());
        Heartbeat loopBeat = runner.heartbeats().get(0);
        assertThat(loopBeat.thread()).isEqualTo("lvsd-loop");
        wedgeStopsPings(loopBeat);
        runner.post(new Event.Stop("SIGTERM"));
        assertThat(next()).isEqualTo("STOPPING=1\nSTATUS=stopping");
    }

    @Test
    void aWedgedCheckTimerStopsTheWatchdogPings() throws Exception {
        start(watchdogEnv());
        assertThat(next()).startsWith("READY=1");
        Heartbeat timer = backend.heartbeats().stream().filter(h -> h.thread().equals("lvsd-check-timer"))
                .findFirst().orElseThrow();
        wedgeStopsPings(timer);
    }
}
