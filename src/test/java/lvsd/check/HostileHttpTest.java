package lvsd.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLServerSocketFactory;
import lvsd.check.probe.Probes;
import lvsd.clock.Ticker;
import lvsd.sys.GroupLauncher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile HTTP servers on loopback, each checked while 20 ordinary checks run every 0.5-1 s against a
 * well-behaved server: the hostile check must fail with a reason that says why, and every ordinary check must
 * keep its schedule (every run up, none past its deadline, no gap between runs longer than interval plus
 * timeout), measured on the engine's own results and timings.
 */
class HostileHttpTest {
    static final int WELL = 20;
    /** The ordinary checks' deadline: generous for a loaded machine, far below the hostile stalls. */
    static final Duration WELL_TIMEOUT = Duration.ofSeconds(3);
    /** The hostile check's deadline. */
    static final Duration HOSTILE_TIMEOUT = Duration.ofSeconds(3);
    /** How long the ordinary checks are watched while the hostile one runs. */
    static final Duration WINDOW = Duration.ofSeconds(4);
    static final Duration SLACK = Duration.ofMillis(1500);

    static LoopbackServers servers;
    static Target well;
    static SSLServerSocketFactory tls;

    record Seen(CheckResult result, Duration took, long at) {}

    final Map<CheckSpec, List<Seen>> seen = new ConcurrentHashMap<>();
    final Probes probes = Probes.defaults(Ticker.SYSTEM, new GroupLauncher());
    final CheckEngine engine = new CheckEngine(new CheckListener() {
        @Override
        public void onTransition(Transition t) {
        }

        @Override
        public void onResult(CheckSpec spec, CheckResult result, Duration took) {
            seen.computeIfAbsent(spec, k -> new CopyOnWriteArrayList<>()).add(new Seen(result, took, System.nanoTime()));
        }
    }, Ticker.SYSTEM, probes);

    @BeforeAll
    static void setUp() throws Exception {
        servers = new LoopbackServers();
        well = servers.serve(LoopbackServers.http(200, "status: ready\n"));
        tls = HostileServerTest.selfSigned();
    }

    @AfterAll
    static void tearDown() {
        servers.close();
    }

    @AfterEach
    void close() {
        engine.close();
        probes.close();
    }

    static CheckSpec.Http http(Target t, String path, String receive, Duration timeout) {
        return new CheckSpec.Http(t, false, false, "GET", path, "", receive, timeout);
    }

    static CheckSpec.Http https(Target t, String receive) {
        return new CheckSpec.Http(t, true, false, "GET", "/health", "", receive, HOSTILE_TIMEOUT);
    }

    /**
     * Runs {@code hostile} every {@code hostileEvery} beside the ordinary checks, asserts the ordinary checks
     * kept their schedule through {@link #WINDOW}, and returns the hostile check's first result.
     */
    Seen beside(CheckSpec hostile, Duration hostileEvery) {
        Map<String, CheckConfig> set = new HashMap<>();
        List<CheckConfig> ordinary = new ArrayList<>();
        for (int i = 0; i < WELL; i++) {
            // half with a receive= regex, so the matcher pool is shared with the hostile check
            CheckConfig c = new CheckConfig(http(well, "/health?" + i, i % 2 == 0 ? "read[y]" : "", WELL_TIMEOUT),
                    Duration.ofMillis(500 + 25 * i), 1, 1);
            ordinary.add(c);
            set.put("well" + i, c);
        }
        engine.update(set);
        // warm-up: the first runs are spread over an interval, and the first connections of a JVM are slow
        await("every ordinary check answered once").atMost(Duration.ofSeconds(30))
                .until(() -> ordinary.stream().allMatch(c -> !seen.getOrDefault(c.spec(), List.of()).isEmpty()));
        set.put("hostile", new CheckConfig(hostile, hostileEvery, 1, 1));
        long from = System.nanoTime();
        engine.update(set);
        await("a result of the hostile check").atMost(hostile.timeout().plus(hostileEvery).plus(Duration.ofSeconds(20)))
                .until(() -> !seen.getOrDefault(hostile, List.of()).isEmpty());
        long until = from + WINDOW.toNanos();
        await().atMost(WINDOW.plus(Duration.ofSeconds(10))).until(() -> System.nanoTime() - until > 0
                && !seen.getOrDefault(hostile, List.of()).isEmpty());
        for (CheckConfig c : ordinary) {
            List<Seen> runs = seen.get(c.spec());
            long last = from;
            int inWindow = 0;
            for (Seen s : runs) {
                if (s.at() - from < 0) {
                    continue;
                }
                inWindow++;
                assertThat(s.result()).as("%s while a hostile check runs", ((CheckSpec.Http) c.spec()).path()).isEqualTo(CheckResult.Up.PLAIN);
                assertThat(s.took()).as("%s kept its deadline", ((CheckSpec.Http) c.spec()).path()).isLessThan(WELL_TIMEOUT);
                assertThat(Duration.ofNanos(s.at() - last)).as("%s kept its schedule", ((CheckSpec.Http) c.spec()).path())
                        .isLessThan(c.interval().plus(WELL_TIMEOUT).plus(SLACK));
                last = s.at();
            }
            assertThat(Duration.ofNanos(until - last)).as("%s kept its schedule to the end", ((CheckSpec.Http) c.spec()).path())
                    .isLessThan(c.interval().plus(WELL_TIMEOUT).plus(SLACK));
            assertThat(inWindow).as("%s ran during the window", ((CheckSpec.Http) c.spec()).path())
                    .isGreaterThanOrEqualTo((int) (WINDOW.toMillis() / c.interval().plus(WELL_TIMEOUT).toMillis()));
        }
        Seen first = seen.get(hostile).get(0);
        assertThat(first.took()).as("the hostile check ended by its deadline").isLessThan(hostile.timeout().plus(SLACK));
        return first;
    }

    static Seen down(Seen s, String reason) {
        assertThat(s.result()).isInstanceOf(CheckResult.Down.class);
        assertThat(s.result().describe()).contains(reason);
        return s;
    }

    static LoopbackServers.Handler answer(String head, String body) {
        return s -> {
            LoopbackServers.readRequestHead(s.getInputStream());
            OutputStream out = s.getOutputStream();
            out.write((head + "\r\n\r\n" + body).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            s.close();
        };
    }

    @Test
    void backtrackingOnABackreferenceTimesOutOffTheSelector() throws Exception {
        // ^(a+)+\1$ over 28 a's and a '!': 9.4 s on JDK 17, which the JDK's loop memo does not save
        Target t = servers.serve(LoopbackServers.http(200, "a".repeat(28) + "!"));
        down(beside(http(t, "/", "^(a+)+\\1$", HOSTILE_TIMEOUT), Duration.ofSeconds(1)), "receive= match timed out");
    }

    @Test
    void backtrackingOnABoundedRepeatTimesOutOffTheSelector() throws Exception {
        // (.*,){12}X over 26 "a,": 2.8 s on JDK 17; over 30, about nine times that. The check gets 1.5 s
        Target t = servers.serve(LoopbackServers.http(200, "a,".repeat(30)));
        CheckSpec.Http spec = http(t, "/", "(.*,){12}X", Duration.ofMillis(1500));
        down(beside(spec, Duration.ofSeconds(1)), "receive= match timed out");
    }

    @Test
    void aRegexThatOverflowsTheStackFailsItsCheckOnly() throws Exception {
        // each repetition of a group with an alternation recurses: 60 000 of them overflow any default stack
        Target t = servers.serve(LoopbackServers.http(200, "ab".repeat(30_000)));
        down(beside(http(t, "/", "^(a|b)*$", HOSTILE_TIMEOUT), Duration.ofSeconds(1)), "overflowed the stack");
    }

    /** Writes {@code head}, then {@code total} bytes of 'x' in 64 KiB pieces at about 2 MiB/s, unless closed. */
    static LoopbackServers.Handler hugeBody(String head, long total) {
        return s -> {
            LoopbackServers.readRequestHead(s.getInputStream());
            OutputStream out = s.getOutputStream();
            out.write((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write("ready ".getBytes(StandardCharsets.ISO_8859_1));
            byte[] piece = "x".repeat(64 * 1024).getBytes(StandardCharsets.ISO_8859_1);
            for (long sent = 0; sent < total; sent += piece.length) {
                out.write(piece);
                out.flush();
                Thread.sleep(30);
            }
            s.close();
        };
    }

    @Test
    void aTenMebibyteBodyIsNotReadToItsEnd() throws Exception {
        // 10 MiB at about 2 MiB/s take 5 s: a check that read it all would miss its 3 s deadline
        long size = 10L << 20;
        String head = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + (size + 6);
        Target plain = servers.serve(hugeBody(head, size));
        Seen s = beside(http(plain, "/", "^ready", HOSTILE_TIMEOUT), Duration.ofSeconds(4));
        assertThat(s.result()).isEqualTo(CheckResult.Up.PLAIN);
        Target secure = servers.serveTls(tls, hugeBody(head, size));
        seen.clear();
        s = beside(https(secure, "^ready"), Duration.ofSeconds(4));
        assertThat(s.result()).isEqualTo(CheckResult.Up.PLAIN);
        assertThat(s.took()).isLessThan(HOSTILE_TIMEOUT);
        seen.clear();
        s = beside(https(secure, ""), Duration.ofSeconds(4)); // no receive=: the status decides, no body is read
        assertThat(s.result()).isEqualTo(CheckResult.Up.PLAIN);
        assertThat(s.took()).isLessThan(HOSTILE_TIMEOUT);
    }

    @Test
    void aHugeBodyPastTheSharedBufferBudgetFailsItsCheck() throws Exception {
        try (Probes small = new Probes(Ticker.SYSTEM, 1, 16, new GroupLauncher(), 32 * 1024)) {
            Target t = servers.serve(hugeBody("HTTP/1.1 200 OK\r\nContent-Length: " + (1 << 20), 1 << 20));
            EngineHarness.Result r = EngineHarnessOn.once(small, http(t, "/", "never there", HOSTILE_TIMEOUT));
            assertThat(r.result()).isInstanceOf(CheckResult.Down.class);
            assertThat(r.result().describe()).contains("buffered across all checks past 32 KiB");
        }
    }

    static String manyHeaders() {
        StringBuilder sb = new StringBuilder("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5");
        while (sb.length() < 100 * 1024) {
            sb.append("\r\nX-Padding-").append(sb.length()).append(": ").append("p".repeat(40));
        }
        return sb.toString();
    }

    @Test
    void oneHundredKibibytesOfHeadersFailTheCheck() throws Exception {
        Target plain = servers.serve(answer(manyHeaders(), "ready"));
        down(beside(http(plain, "/", "ready", HOSTILE_TIMEOUT), Duration.ofSeconds(1)), "response headers longer than");
        seen.clear();
        Target secure = servers.serveTls(tls, answer(manyHeaders(), "ready"));
        down(beside(https(secure, "ready"), Duration.ofSeconds(1)), "header count");
        seen.clear();
        Target longLine = servers.serveTls(tls, answer("HTTP/1.1 200 OK\r\nX-Long: " + "l".repeat(100 * 1024)
                + "\r\nContent-Length: 5", "ready"));
        down(beside(https(longLine, "ready"), Duration.ofSeconds(1)), "line length");
    }

    @Test
    void aRedirectLoopEndsAfterAFewHops() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        Target t = servers.serve(s -> {
            LoopbackServers.readRequestHead(s.getInputStream());
            int n = requests.incrementAndGet();
            s.getOutputStream().write(("HTTP/1.1 302 Found\r\nLocation: /loop?" + n
                    + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            s.close();
        });
        CheckSpec.Http spec = http(t, "/", "", HOSTILE_TIMEOUT);
        down(beside(spec, Duration.ofSeconds(2)), "redirects");
        // per run: the plain probe's request, the redirect follower's first, and at most 5 redirects
        int runs = seen.get(spec).size() + 1; // and perhaps one still in flight
        assertThat(requests.get()).isLessThanOrEqualTo(7 * runs);
    }

    @Test
    void aRedirectToAnotherHostIsNotFollowed() throws Exception {
        AtomicInteger elsewhere = new AtomicInteger();
        Target other = servers.serve(InetAddress.getByName("127.0.0.2"), s -> {
            elsewhere.incrementAndGet();
            LoopbackServers.http(200, "ready").handle(s);
        });
        Target t = servers.serve(answer("HTTP/1.1 302 Found\r\nLocation: http://127.0.0.2:" + other.port()
                + "/\r\nContent-Length: 0\r\nConnection: close", ""));
        down(beside(http(t, "/", "ready", HOSTILE_TIMEOUT), Duration.ofSeconds(1)), "not followed");
        assertThat(elsewhere.get()).isZero();
    }

    @Test
    void aHeaderTrickledAByteAtATimeTimesOutOnTime() throws Exception {
        String head = "HTTP/1.1 200 OK\r\n" + "X-Slow: " + "s".repeat(12_000) + "\r\nContent-Length: 5\r\n\r\nready";
        Target t = servers.serve(s -> {
            LoopbackServers.readRequestHead(s.getInputStream());
            OutputStream out = s.getOutputStream();
            for (byte b : head.getBytes(StandardCharsets.ISO_8859_1)) {
                out.write(b);
                out.flush();
                Thread.sleep(1);
            }
            s.close();
        });
        Seen s = beside(http(t, "/", "ready", HOSTILE_TIMEOUT), Duration.ofSeconds(4));
        assertThat(s.result()).isInstanceOf(CheckResult.TimedOut.class);
    }

    /** Helpers for running one spec on a given set of probes. */
    static final class EngineHarnessOn {
        static EngineHarness.Result once(Probes p, CheckSpec spec) throws InterruptedException {
            java.util.concurrent.BlockingQueue<EngineHarness.Result> q = new java.util.concurrent.LinkedBlockingQueue<>();
            try (CheckEngine e = new CheckEngine(new CheckListener() {
                @Override
                public void onTransition(Transition t) {
                }

                @Override
                public void onResult(CheckSpec s, CheckResult r, Duration took) {
                    q.add(new EngineHarness.Result(s, r, took));
                }
            }, Ticker.SYSTEM, p)) {
                e.update(Map.of("k", new CheckConfig(spec, Duration.ofSeconds(1), 1, 1)));
                EngineHarness.Result r = q.poll(spec.timeout().toSeconds() + 20, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(r).as("a result for " + spec).isNotNull();
                return r;
            }
        }
    }
}
