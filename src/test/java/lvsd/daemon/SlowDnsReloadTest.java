package lvsd.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import lvsd.clock.Ticker;
import lvsd.config.NameResolver;
import lvsd.inet.Family;
import lvsd.testing.HostsOnlyResolver;
import lvsd.testing.RecordingLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A reload's names are resolved off the loop: while a slow resolver holds the parse, the loop keeps running
 * cycles and handling signals with the config in force, and the parse's result is applied when it comes back,
 * unless a newer reload or the parse deadline came first. The real parser and director, an injected resolver.
 */
class SlowDnsReloadTest {

    private static final Path FILE = Path.of("/etc/lvsd/dns.cf");

    private static String cf(String host) {
        return "virtual=192.168.10.1:80\n    checktype=on\n    real=" + host + ":80 gate 1\n";
    }

    private final MemoryKernel kernel = new MemoryKernel();
    private final RecordingLog log = new RecordingLog();
    private final ExecutorService parses = Executors.newSingleThreadExecutor();
    private final BlockingQueue<Event> posted = new LinkedBlockingQueue<>();
    private volatile String content;
    /** Lookups of names starting with "slow" wait for this. */
    private final CountDownLatch dnsAnswers = new CountDownLatch(1);

    private final NameResolver resolver = new HostsOnlyResolver() {
        @Override
        public Optional<InetAddress> host(String name, Family family) {
            if (name.startsWith("slow")) {
                try {
                    dnsAnswers.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new Unavailable("interrupted");
                }
            }
            return HostsOnlyResolver.at(name, name.contains("3") ? 3 : 2);
        }
    };

    @AfterEach
    void release() {
        dnsAnswers.countDown();
        parses.shutdownNow();
    }

    private DaemonLoop<LvsdConfig> loop(Ticker ticker, java.util.function.Consumer<Event> post) {
        LvsdBackend backend = new LvsdBackend(kernel, LvsdBackend.HealthSource.assumeUp(), resolver, ticker,
                (a, d) -> {});
        DaemonLoop<LvsdConfig> loop = new DaemonLoop<>(FILE, backend,
                f -> content.getBytes(StandardCharsets.UTF_8), ticker, Timing.defaults(), log, Lifecycle.NONE,
                parses, post);
        content = cf("web2.example");
        assertThat(loop.start()).isEmpty();
        return loop;
    }

    /** Hands the loop the next event the parse thread posted. */
    private void deliver(DaemonLoop<LvsdConfig> loop) throws InterruptedException {
        Event e = posted.poll(10, TimeUnit.SECONDS);
        assertThat(e).as("the parse thread posted its result").isInstanceOf(Event.ConfigParsed.class);
        loop.handle(e);
    }

    @Test
    void theLoopRunsCyclesWhileASlowResolveHoldsTheParseAndAppliesItsResultAfter() throws Exception {
        LoopClock clock = new LoopClock(0);
        DaemonLoop<LvsdConfig> loop = loop(clock, posted::add);
        content = cf("slow3.example");
        loop.handle(new Event.Reload("SIGHUP"));
        clock.advance(loop, Timing.defaults().settle()); // settle read done: the parse is on its thread, waiting
        assertThat(posted).isEmpty();

        // the loop is free: a hand-deleted service is put back by the resync with the config in force
        kernel.table = new lvsd.ipvs.IpvsTable(kernel.table.info(), java.util.List.of());
        clock.advance(loop, Timing.defaults().resync());
        assertThat(kernel.save()).contains("-r 10.0.0.2:80");
        assertThat(loop.state().generation()).isEqualTo(1);

        dnsAnswers.countDown();
        deliver(loop);
        assertThat(loop.state().generation()).isEqualTo(2);
        assertThat(kernel.save()).contains("-r 10.0.0.3:80").doesNotContain("10.0.0.2:80");
    }

    @Test
    void aParsePastItsDeadlineIsGivenUpAndItsLateResultIgnored() throws Exception {
        LoopClock clock = new LoopClock(0);
        DaemonLoop<LvsdConfig> loop = loop(clock, posted::add);
        String table = kernel.save();
        content = cf("slow3.example");
        loop.handle(new Event.Reload("SIGHUP"));
        clock.advance(loop, Timing.defaults().settle());
        clock.advance(loop, DaemonLoop.PARSE_DEADLINE);
        assertThat(loop.state().reloadsRejected()).isEqualTo(1);
        assertThat(log.lines).anyMatch(l -> l.startsWith("ERROR reload (SIGHUP) rejected: the file was not parsed"
                + " within 15 s"));

        dnsAnswers.countDown();
        deliver(loop); // the late answer changes nothing
        assertThat(loop.state().generation()).isEqualTo(1);
        assertThat(kernel.save()).isEqualTo(table);
    }

    @Test
    void aNewerReloadSupersedesAParseStillRunning() throws Exception {
        LoopClock clock = new LoopClock(0);
        DaemonLoop<LvsdConfig> loop = loop(clock, posted::add);
        content = cf("slow3.example");
        loop.handle(new Event.Reload("SIGHUP"));
        clock.advance(loop, Timing.defaults().settle());
        content = cf("web2.example").replace("gate 1", "gate 4");
        loop.handle(new Event.Reload("lvsd reload"));
        clock.advance(loop, Timing.defaults().settle());
        dnsAnswers.countDown();
        deliver(loop); // the first parse's answer: superseded
        if (loop.state().generation() == 1) {
            deliver(loop); // the second's, unless both came back before the first wake-up was handled
        }
        assertThat(loop.state().generation()).isEqualTo(2);
        assertThat(kernel.save()).contains("-r 10.0.0.2:80 -g -w 4");
        assertThat(log.lines).contains("INFO reload (lvsd reload) supersedes reload (SIGHUP), still being parsed");
    }

    @Test
    void aStopIsHandledAtOnceWhileAResolveHangs() throws Exception {
        DaemonRunner runner = new DaemonRunner();
        DaemonLoop<LvsdConfig> loop = loop(Ticker.SYSTEM, runner::post);
        Thread t = LoopThread.start(runner, loop);
        try {
            content = cf("slow3.example");
            runner.post(new Event.Reload("SIGHUP"));
            await().atMost(Duration.ofSeconds(10)).until(this::resolverBusy);
            runner.post(new Event.Stop("SIGTERM"));
            // the resolver still hangs: only a loop that does not wait for it stops
            await().atMost(Duration.ofSeconds(10)).until(loop::stopped);
            assertThat(kernel.save()).as("cleanstop ran").isEmpty();
            assertThat(dnsAnswers.getCount()).isEqualTo(1);
        } finally {
            dnsAnswers.countDown();
            t.join(10_000);
        }
        assertThat(t.isAlive()).isFalse();
    }

    /** Whether some thread (the parse thread, or the loop's if it parsed itself) is in the slow lookup now. */
    private boolean resolverBusy() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(th -> {
            for (StackTraceElement e : th.getStackTrace()) {
                if (e.getClassName().startsWith(SlowDnsReloadTest.class.getName())
                        && e.getMethodName().equals("host")) {
                    return true;
                }
            }
            return false;
        });
    }
}
