package lvsd.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import lvsd.clock.Ticker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's own contract, with a scripted probe: dedup, reload, deadlines it enforces itself. The machine
 * is shared and slow: every wait is for a condition, with a deadline far beyond what a healthy run needs.
 */
class CheckEngineTest {
    static final Duration WAIT = Duration.ofSeconds(20);

    /** A probe whose answer per target port the test sets; port 0 never answers and counts cancels. */
    static final class ScriptedProbe implements Probe {
        final Map<Integer, Boolean> up = new ConcurrentHashMap<>();
        final Map<CheckSpec, AtomicInteger> runs = new ConcurrentHashMap<>();
        final AtomicInteger cancels = new AtomicInteger();

        @Override
        public Cancel start(CheckSpec spec, long deadline, Consumer<CheckResult> done) {
            runs.computeIfAbsent(spec, k -> new AtomicInteger()).incrementAndGet();
            int port = ((CheckSpec.Connect) spec).target().port();
            if (port == 0) {
                AtomicBoolean cancelled = new AtomicBoolean();
                return () -> {
                    if (cancelled.compareAndSet(false, true)) {
                        cancels.incrementAndGet();
                    }
                };
            }
            done.accept(up.getOrDefault(port, true) ? CheckResult.Up.PLAIN : new CheckResult.Down("scripted down"));
            return Cancel.NONE;
        }
    }

    final BlockingQueue<Transition> transitions = new LinkedBlockingQueue<>();
    final ScriptedProbe probe = new ScriptedProbe();
    final CheckEngine engine = new CheckEngine(transitions::add, Ticker.SYSTEM, probe);

    @AfterEach
    void close() {
        engine.close();
    }

    static CheckSpec.Connect connect(int port, Duration timeout) {
        return new CheckSpec.Connect(new Target(InetAddress.getLoopbackAddress(), port), timeout);
    }

    static CheckConfig every(CheckSpec s, long millis) {
        return new CheckConfig(s, Duration.ofMillis(millis), 1, 1);
    }

    Transition next() throws InterruptedException {
        Transition t = transitions.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(t).as("a transition within " + WAIT).isNotNull();
        return t;
    }

    @Test
    void identicalChecksOfSeveralVirtualsRunOnceAndFanOut() throws Exception {
        CheckSpec s = connect(81, Duration.ofSeconds(1));
        engine.update(Map.of("vip1/rs", every(s, 50), "vip2/rs", every(s, 50), "vip3/rs", every(s, 50)));
        assertThat(engine.distinctChecks()).isEqualTo(1);
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (int i = 0; i < 3; i++) {
            Transition t = next();
            assertThat(t.to()).isEqualTo(Health.UP);
            keys.add(t.key());
        }
        assertThat(keys).containsExactlyInAnyOrder("vip1/rs", "vip2/rs", "vip3/rs");
        await().atMost(WAIT).until(() -> probe.runs.get(s).get() >= 5);
        assertThat(engine.stats().started()).isEqualTo(probe.runs.get(s).get()); // one run per period, not three
    }

    @Test
    void reloadKeepsTheStateOfUnchangedChecks() throws Exception {
        CheckSpec a = connect(82, Duration.ofSeconds(1));
        CheckSpec b = connect(83, Duration.ofSeconds(1));
        engine.update(Map.of("a", every(a, 50)));
        assertThat(next()).extracting(Transition::key, Transition::to).containsExactly("a", Health.UP);
        engine.update(Map.of("a", every(a, 50), "b", every(b, 50)));
        assertThat(next()).extracting(Transition::key, Transition::from, Transition::to)
                .containsExactly("b", Health.UNKNOWN, Health.UP);
        // a kept its state: several more of its runs, each up, and not one transition (a reset would log one)
        int runsOfA = probe.runs.get(a).get();
        await().atMost(WAIT).until(() -> probe.runs.get(a).get() >= runsOfA + 3);
        assertThat(transitions).as("a kept its state: no new transition").isEmpty();
        assertThat(engine.snapshot()).containsEntry("a", Health.UP).containsEntry("b", Health.UP);
        probe.up.put(82, false);
        assertThat(next()).extracting(Transition::key, Transition::from, Transition::to)
                .containsExactly("a", Health.UP, Health.DOWN);
        engine.update(Map.of("b", every(b, 50)));
        assertThat(engine.snapshot()).containsOnlyKeys("b");
    }

    @Test
    void theEngineEnforcesDeadlinesAProbeIgnores() throws Exception {
        CheckSpec hang = connect(0, Duration.ofMillis(300));
        engine.update(Map.of("hang", every(hang, 1000)));
        // the scripted probe never answers a port-0 check: a verdict at all is the engine's deadline at work (no
        // wall-clock bound: on a loaded machine "late" is not "never")
        Transition t = next();
        assertThat(t.to()).isEqualTo(Health.DOWN);
        assertThat(t.reason()).startsWith("timed out");
        assertThat(engine.stats().timedOut()).isPositive();
        assertThat(probe.cancels.get()).isPositive();
    }

    @Test
    void hangingChecksDelayNeitherOtherChecksNorAReload() throws Exception {
        Map<String, CheckConfig> set = new java.util.HashMap<>();
        for (int i = 0; i < 50; i++) {
            set.put("hang" + i, every(connect(0, Duration.ofSeconds(30)), 10 + i)); // distinct intervals: 50 runs
        }
        set.put("fine", every(connect(84, Duration.ofSeconds(1)), 50));
        engine.update(set);
        Transition t;
        do {
            t = next();
        } while (!t.key().equals("fine"));
        assertThat(t.to()).isEqualTo(Health.UP);
        await().atMost(WAIT).until(() -> engine.stats().inFlight() >= 50);
        engine.update(Map.of("fine", every(connect(84, Duration.ofSeconds(1)), 50)));
        // the hanging runs never answer and end only at their 30 s deadline: that all are still in flight and
        // none timed out shows the update did not wait for them (no wall-clock bound to trip over when loaded)
        assertThat(engine.stats().timedOut()).isZero();
        assertThat(engine.stats().inFlight()).isGreaterThanOrEqualTo(50);
        assertThat(engine.distinctChecks()).isEqualTo(1);
    }

    @Test
    void closeCancelsRunsInFlight() throws Exception {
        engine.update(Map.of("hang", every(connect(0, Duration.ofSeconds(30)), 10)));
        await().atMost(WAIT).until(() -> engine.stats().inFlight() > 0);
        engine.close();
        assertThat(probe.cancels.get()).isEqualTo(1);
    }

    @Test
    void aThrowingListenerDoesNotStopChecking() throws Exception {
        engine.close();
        AtomicInteger calls = new AtomicInteger();
        ScriptedProbe p = new ScriptedProbe();
        try (CheckEngine e = new CheckEngine(t -> {
            calls.incrementAndGet();
            throw new IllegalStateException("listener bug");
        }, Ticker.SYSTEM, p)) {
            e.update(Map.of("a", every(connect(85, Duration.ofSeconds(1)), 20)));
            await().atMost(WAIT).until(() -> p.runs.getOrDefault(connect(85, Duration.ofSeconds(1)), new AtomicInteger()).get() >= 5);
            assertThat(p.runs.get(connect(85, Duration.ofSeconds(1))).get()).isGreaterThanOrEqualTo(5);
            assertThat(e.stats().listenerErrors()).isEqualTo(calls.get()).isPositive();
        }
    }

    @Test
    void aTimerThatDiesSaysSo() throws Exception {
        engine.close();
        BlockingQueue<Throwable> deaths = new LinkedBlockingQueue<>();
        ScriptedProbe p = new ScriptedProbe();
        CheckSpec s = connect(86, Duration.ofSeconds(1));
        try (CheckEngine e = new CheckEngine(t -> {}, Ticker.SYSTEM, p, deaths::add)) {
            e.update(Map.of("a", every(s, 20)));
            await().atMost(WAIT).until(() -> p.runs.getOrDefault(s, new AtomicInteger()).get() >= 3);
            StackOverflowError injected = new StackOverflowError("injected");
            e.heartbeat().failNextTurn(injected);
            assertThat(deaths.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isSameAs(injected);
            assertThat(deaths).as("reported once").isEmpty();
        }
    }

    @Test
    void anIdleTimerStillBeatsAboutOnceASecond() throws Exception {
        long first = engine.heartbeat().lastNanos();
        await().atMost(WAIT).until(() -> engine.heartbeat().lastNanos() > first);
    }
}
