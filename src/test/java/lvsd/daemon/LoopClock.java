package lvsd.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import lvsd.clock.Ticker;

/** A hand-stepped {@link Ticker} for a {@link DaemonLoop}, which also plays the runner thread's part. */
final class LoopClock implements Ticker {
    private long now;

    LoopClock(long startNanos) {
        now = startNanos;
    }

    @Override
    public long nanos() {
        return now;
    }

    /** Advances the clock by {@code d}, running whatever falls due on the way, as the runner thread does. */
    void advance(DaemonLoop<?> loop, Duration d) {
        long end = now + d.toNanos();
        for (int guard = 0; ; guard++) {
            assertThat(guard).as("timers make progress").isLessThan(100_000);
            long wait = loop.nanosUntilDue();
            if (wait == Long.MAX_VALUE || now + wait > end) {
                break;
            }
            now += wait;
            loop.runDue();
        }
        now = end;
    }
}
