package lvsd.check;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import lvsd.check.probe.Probes;
import lvsd.clock.Ticker;
import lvsd.sys.GroupLauncher;

/** A real engine with real probes; collects results and transitions for tests to await. */
final class EngineHarness implements AutoCloseable {
    record Result(CheckSpec spec, CheckResult result, Duration took) {}

    final BlockingQueue<Result> results = new LinkedBlockingQueue<>();
    final BlockingQueue<Transition> transitions = new LinkedBlockingQueue<>();
    /** One for every harness: its timer thread is a daemon thread. */
    private static final GroupLauncher LAUNCHER = new GroupLauncher();
    final Probes probes = Probes.defaults(Ticker.SYSTEM, LAUNCHER);
    final CheckEngine engine = new CheckEngine(new CheckListener() {
        @Override
        public void onTransition(Transition t) {
            transitions.add(t);
        }

        @Override
        public void onResult(CheckSpec spec, CheckResult result, Duration took) {
            results.add(new Result(spec, result, took));
        }
    }, Ticker.SYSTEM, probes);

    /** Registers {@code spec} alone with a short interval and returns its first result. */
    Result once(CheckSpec spec) throws InterruptedException {
        engine.update(Map.of("k", new CheckConfig(spec, Duration.ofMillis(100), 1, 1)));
        long end = System.nanoTime() + spec.timeout().toNanos() + 10_000_000_000L;
        Result r;
        do { // results of runs still in flight for earlier specs are skipped
            r = results.poll(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (r == null) {
                throw new AssertionError("no result for " + spec);
            }
        } while (!r.spec().equals(spec));
        engine.update(Map.of());
        return r;
    }

    Transition nextTransition(long seconds) throws InterruptedException {
        Transition t = transitions.poll(seconds, TimeUnit.SECONDS);
        if (t == null) {
            throw new AssertionError("no transition within " + seconds + " s");
        }
        return t;
    }

    @Override
    public void close() {
        engine.close();
        probes.close();
    }
}
