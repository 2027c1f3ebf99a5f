package lvsd.check.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import lvsd.check.CheckResult;
import lvsd.check.CheckSpec;
import lvsd.check.Probe;
import lvsd.check.Target;
import lvsd.clock.Ticker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReceiveMatcherTest {
    final ReceiveMatcher matcher = new ReceiveMatcher(Ticker.SYSTEM, 1, 1);
    final BlockingQueue<CheckResult> results = new LinkedBlockingQueue<>();

    @AfterEach
    void close() {
        matcher.close();
    }

    static CheckSpec.Http spec(String receive) {
        return new CheckSpec.Http(new Target(InetAddress.getLoopbackAddress(), 80), false, false, "GET", "/", "", receive,
                Duration.ofSeconds(1));
    }

    CheckResult next() throws InterruptedException {
        CheckResult r = results.poll(20, TimeUnit.SECONDS);
        assertThat(r).as("a verdict within 20 s").isNotNull();
        return r;
    }

    static long in(Duration d) {
        return System.nanoTime() + d.toNanos();
    }

    @Test
    void statusAndEmptyReceiveAreDecidedAtOnce() {
        matcher.judge(503, "ready", spec("ready"), in(Duration.ofSeconds(1)), results::add);
        matcher.judge(200, "whatever", spec(""), in(Duration.ofSeconds(1)), results::add);
        assertThat(results).containsExactly(new CheckResult.Down("HTTP status 503"), CheckResult.Up.PLAIN);
    }

    @Test
    void aMatchAndAMissAreJudgedOnThePool() throws Exception {
        matcher.judge(200, "status: ready", spec("rea.y"), in(Duration.ofSeconds(5)), results::add);
        assertThat(next()).isEqualTo(CheckResult.Up.PLAIN);
        matcher.judge(200, "maintenance", spec("ready"), in(Duration.ofSeconds(5)), results::add);
        assertThat(next().describe()).contains("does not match /ready/");
    }

    @Test
    void aMatchStillRunningBeforeTheDeadlineFailsWithItsOwnReason() throws Exception {
        long deadline = in(Duration.ofMillis(500));
        matcher.judge(200, "a".repeat(28) + "!", spec("^(a+)+\\1$"), deadline, results::add);
        CheckResult r = next();
        assertThat(r.describe()).startsWith(ReceiveMatcher.TIMED_OUT);
        assertThat(System.nanoTime()).as("given up before the check's deadline").isLessThan(deadline + 2_000_000_000L);
    }

    @Test
    void theMatchBudgetEndsAMarginBeforeTheCheckDeadline() {
        assertThat(ReceiveMatcher.matchDeadline(10_000_000_000L, 0)).isEqualTo(9_900_000_000L);
        assertThat(ReceiveMatcher.matchDeadline(500_000_000L, 0)).isEqualTo(450_000_000L);
        assertThat(ReceiveMatcher.matchDeadline(0, 10)).isEqualTo(0);
    }

    @Test
    void onlyAPrefixOfTheBodyIsMatched() throws Exception {
        String body = "x".repeat(ReceiveMatcher.TEXT_LIMIT) + "ready";
        matcher.judge(200, body, spec("ready"), in(Duration.ofSeconds(5)), results::add);
        assertThat(next().describe()).contains("does not match");
    }

    @Test
    void aFullQueueFailsTheCheckInsteadOfWaiting() throws Exception {
        String evil = "a".repeat(28) + "!";
        long later = in(Duration.ofSeconds(3));
        Probe.Cancel running = matcher.judge(200, evil, spec("^(a+)+\\1$"), later, results::add);
        java.util.List<Probe.Cancel> queued = new java.util.ArrayList<>();
        CheckResult busy = null;
        for (int i = 0; i < 3 && busy == null; i++) { // one runs, one waits in the queue of 1, the next is refused
            queued.add(matcher.judge(200, evil, spec("^(a+)+\\1$"), later, results::add));
            busy = results.poll();
        }
        assertThat(busy).isNotNull();
        assertThat(busy.describe()).startsWith("receive= matcher busy");
        assertThat(matcher.rejected()).isPositive();
        // cancelling stops the running match at once and drops the queued one: the pool is free again
        running.cancel();
        queued.forEach(Probe.Cancel::cancel);
        matcher.judge(200, "ready", spec("ready"), in(Duration.ofSeconds(5)), results::add);
        assertThat(next()).isEqualTo(CheckResult.Up.PLAIN);
    }
}
