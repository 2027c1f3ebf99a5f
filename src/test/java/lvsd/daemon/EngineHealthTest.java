package lvsd.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import lvsd.check.CheckResult;
import lvsd.check.CheckSpec;
import lvsd.check.Probe;
import lvsd.clock.Ticker;
import lvsd.config.Config;
import lvsd.config.ConfigParser;
import lvsd.config.NameResolver;
import lvsd.config.RealServer;
import lvsd.config.VirtualService;
import lvsd.director.RealHealth;
import lvsd.status.StatusSnapshot;
import org.junit.jupiter.api.Test;

/** The check engine's verdicts reach the director's view through the loop; static check types need no run. */
class EngineHealthTest {

    /** A probe that is a function of the target: .2 answers, .3 refuses. Real engine, fake network. */
    static final class FakeProbe implements Probe, AutoCloseable {
        final List<CheckSpec> runs = Collections.synchronizedList(new ArrayList<>());
        boolean closed;

        @Override
        public Cancel start(CheckSpec spec, long deadlineNanos, Consumer<CheckResult> done) {
            runs.add(spec);
            CheckSpec.Connect c = (CheckSpec.Connect) spec;
            done.accept(c.target().address().getHostAddress().endsWith(".2") ? CheckResult.Up.PLAIN
                    : new CheckResult.Down("connection refused"));
            return Cancel.NONE;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static Config parse(String text) {
        return new ConfigParser(NameResolver.system()).parseText("t.cf", text).config();
    }

    private static RealHealth health(EngineHealth h, Config c, int v, int r) {
        VirtualService vs = c.virtuals().get(v);
        RealServer rs = vs.reals().get(r);
        return h.view().health(vs, rs);
    }

    @Test
    void verdictsArriveAsTransitionsAndWakeTheLoop() throws Exception {
        FakeProbe probe = new FakeProbe();
        List<String> wakes = Collections.synchronizedList(new ArrayList<>());
        Config c = parse("""
                checkinterval=1
                virtual=192.0.2.1:80
                    checktype=connect
                    real=10.0.0.2:80 gate 1
                    real=10.0.0.3:80 gate 1
                virtual=192.0.2.2:80
                    checktype=on
                    real=10.0.0.3:80 gate 1
                virtual=192.0.2.3:80
                    checktype=off
                    real=10.0.0.2:80 gate 1
                """);
        Instant at = Instant.parse("2026-12-01T10:00:00Z");
        try (EngineHealth h = new EngineHealth(probe, Ticker.SYSTEM, Clock.fixed(at, ZoneOffset.UTC), wakes::add)) {
            h.configure(c);
            // static types are known at once
            assertThat(health(h, c, 1, 0)).isInstanceOf(RealHealth.Up.class);
            assertThat(health(h, c, 2, 0)).isInstanceOf(RealHealth.Down.class);
            // checked ones are pending until the engine reports (poll with a deadline: engine threads)
            long deadline = System.nanoTime() + 10_000_000_000L;
            while ((health(h, c, 0, 0) instanceof RealHealth.Pending || health(h, c, 0, 1) instanceof RealHealth.Pending)
                    && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(health(h, c, 0, 0)).isInstanceOf(RealHealth.Up.class);
            assertThat(health(h, c, 0, 1)).isInstanceOf(RealHealth.Down.class);
            assertThat(wakes).isNotEmpty();
            // only the connect checks run: on/off register nothing
            assertThat(probe.runs).allMatch(s -> s instanceof CheckSpec.Connect);
            StatusSnapshot.Checks checks = h.status();
            assertThat(checks.distinct()).isEqualTo(2);
            assertThat(checks.up()).isEqualTo(1);
            assertThat(checks.down()).isEqualTo(1);
            assertThat(checks.targets()).extracting(StatusSnapshot.Check::key, StatusSnapshot.Check::target,
                    StatusSnapshot.Check::kind, StatusSnapshot.Check::result, StatusSnapshot.Check::since)
                    .containsExactly(
                            tuple("tcp:192.0.2.1:80 10.0.0.2:80", "10.0.0.2:80", "connect", "up", at.toString()),
                            tuple("tcp:192.0.2.1:80 10.0.0.3:80", "10.0.0.3:80", "connect", "down", at.toString()));
            assertThat(checks.targets()).allSatisfy(t -> assertThat(t.reason()).isNotEmpty());
            // each check's latest run: its result, latency, when
            assertThat(checks.targets()).extracting(StatusSnapshot.Check::last, StatusSnapshot.Check::lastRun)
                    .containsExactly(tuple("up", at.toString()), tuple("connection refused", at.toString()));
            assertThat(checks.targets()).allSatisfy(t -> assertThat(t.latencyMs()).isGreaterThanOrEqualTo(0).isLessThan(10_000));
            // a reload that drops the checked virtual forgets its state
            Config smaller = parse("""
                    virtual=192.0.2.2:80
                        checktype=on
                        real=10.0.0.3:80 gate 1
                    """);
            h.configure(smaller);
            assertThat(h.status().distinct()).isZero();
            assertThat(h.status().targets()).isEmpty();
            assertThat(health(h, c, 0, 0)).isInstanceOf(RealHealth.Pending.class);
        }
        assertThat(probe.closed).isTrue();
    }

    @Test
    void everyRunIsObservedOncePerKeyItStandsForAndDroppedKeysAreForgotten() throws Exception {
        FakeProbe probe = new FakeProbe();
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        List<java.util.Set<String>> retained = Collections.synchronizedList(new ArrayList<>());
        lvsd.check.RunObserver observer = new lvsd.check.RunObserver() {
            @Override
            public void finished(String key, CheckResult result, java.time.Duration took) {
                seen.add(key + " " + result.describe());
            }

            @Override
            public void retain(java.util.Set<String> keys) {
                retained.add(keys);
            }
        };
        // the same real with the same check under two virtuals: one run, two keys
        Config c = parse("""
                checkinterval=1
                virtual=192.0.2.1:80
                    checktype=connect
                    checkport=80
                    real=10.0.0.2:80 gate 1
                virtual=192.0.2.2:80
                    checktype=connect
                    checkport=80
                    real=10.0.0.2:80 gate 1
                """);
        try (EngineHealth h = new EngineHealth(d -> probe, Ticker.SYSTEM, Clock.systemUTC(), w -> {}, t -> {}, observer)) {
            h.configure(c);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (seen.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(h.status().distinct()).isEqualTo(1);
            assertThat(seen).contains("tcp:192.0.2.1:80 10.0.0.2:80 up", "tcp:192.0.2.2:80 10.0.0.2:80 up");
            assertThat(retained).last().isEqualTo(java.util.Set.of("tcp:192.0.2.1:80 10.0.0.2:80",
                    "tcp:192.0.2.2:80 10.0.0.2:80"));
            h.configure(parse("virtual=192.0.2.1:80\n    checktype=on\n    real=10.0.0.2:80 gate 1\n"));
            assertThat(retained).last().isEqualTo(java.util.Set.of());
        }
    }

    /** A wall clock that NTP keeps stepping: an hour ahead, then an hour back, on every other reading. */
    private static final class SteppingClock extends Clock {
        private final Instant base = Instant.parse("2026-12-01T10:00:00Z");
        private final java.util.concurrent.atomic.AtomicLong readings = new java.util.concurrent.atomic.AtomicLong();

        @Override
        public Instant instant() {
            return base.plus(java.time.Duration.ofHours(readings.getAndIncrement() % 2 == 0 ? 1 : -1));
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void wallClockStepsOfAnHourEitherWayChangeNeitherVerdictsNorTheSchedule() {
        java.util.concurrent.atomic.AtomicBoolean serverUp = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
        class SwitchProbe implements Probe, AutoCloseable {
            @Override
            public Cancel start(CheckSpec spec, long deadlineNanos, Consumer<CheckResult> done) {
                runs.incrementAndGet();
                done.accept(serverUp.get() ? CheckResult.Up.PLAIN : new CheckResult.Down("connection refused"));
                return Cancel.NONE;
            }

            @Override
            public void close() {}
        }
        Config c = parse("""
                checkinterval=1
                failurecount=2
                virtual=192.0.2.1:80
                    checktype=connect
                    real=10.0.0.2:80 gate 1
                """);
        SteppingClock clock = new SteppingClock();
        java.time.Duration wait = java.time.Duration.ofSeconds(20);
        try (EngineHealth h = new EngineHealth(new SwitchProbe(), Ticker.SYSTEM, clock, why -> {})) {
            h.configure(c);
            org.awaitility.Awaitility.await().atMost(wait).until(() -> health(h, c, 0, 0) instanceof RealHealth.Up);
            // the schedule is the monotonic ticker's: a run a second goes on whatever the wall clock says
            int before = runs.get();
            org.awaitility.Awaitility.await().atMost(wait).until(() -> runs.get() >= before + 3);
            assertThat(health(h, c, 0, 0)).isInstanceOf(RealHealth.Up.class);
            // failurecount=2 still means two failed runs, and the way back one good run
            serverUp.set(false);
            org.awaitility.Awaitility.await().atMost(wait).until(() -> health(h, c, 0, 0) instanceof RealHealth.Down);
            serverUp.set(true);
            org.awaitility.Awaitility.await().atMost(wait).until(() -> health(h, c, 0, 0) instanceof RealHealth.Up);
            assertThat(clock.readings.get()).as("the wall clock was read (for the status's since) and stepped")
                    .isGreaterThanOrEqualTo(3);
            assertThat(h.status().targets()).singleElement().satisfies(t -> assertThat(t.since())
                    .isIn("2026-12-01T11:00:00Z", "2026-12-01T09:00:00Z"));
        }
    }

    @Test
    void oneFailureEndingSeveralThreadsIsOneDeathAndAReplacedSetReportsNone() {
        List<Consumer<Throwable>> reporters = Collections.synchronizedList(new ArrayList<>());
        List<Throwable> deaths = Collections.synchronizedList(new ArrayList<>());
        Config c = parse("""
                virtual=192.0.2.1:80
                    checktype=connect
                    real=10.0.0.2:80 gate 1
                """);
        try (EngineHealth h = new EngineHealth(onDeath -> {
            reporters.add(onDeath);
            return new FakeProbe();
        }, Ticker.SYSTEM, Clock.systemUTC(), why -> {}, deaths::add)) {
            h.configure(c);
            Consumer<Throwable> first = reporters.get(0);
            first.accept(new IllegalStateException("reactor stopped"));
            first.accept(new IllegalStateException("dispatcher stopped")); // the same failure's second thread
            assertThat(deaths).extracting(Throwable::getMessage).containsExactly("reactor stopped");

            h.restart(c);
            first.accept(new IllegalStateException("late thread of the replaced set"));
            assertThat(deaths).as("a replaced set's threads are not deaths").hasSize(1);
            reporters.get(1).accept(new IllegalStateException("the new set died"));
            assertThat(deaths).extracting(Throwable::getMessage).containsExactly("reactor stopped", "the new set died");
        }
        reporters.get(1).accept(new IllegalStateException("ended by close"));
        assertThat(deaths).as("threads ended by close are not deaths").hasSize(2);
    }
}
