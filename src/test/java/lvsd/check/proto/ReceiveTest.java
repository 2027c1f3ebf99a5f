package lvsd.check.proto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import lvsd.clock.Ticker;
import org.junit.jupiter.api.Test;

class ReceiveTest {

    @Test
    void findsAnywhereLikePerl() {
        assertThat(Receive.find("rea.y", "status: ready")).isTrue();
        assertThat(Receive.find("^ready", "status: ready")).isFalse();
        assertThat(Receive.find("rea.y", "status: ready", Ticker.SYSTEM, System.nanoTime() + 1_000_000_000L)).isTrue();
    }

    @Test
    void aCatastrophicMatchEndsAtItsDeadline() {
        // 9.4 s on JDK 17 unbounded; here it must give up at its 200 ms deadline
        long start = System.nanoTime();
        assertThatThrownBy(() -> Receive.find("^(a+)+\\1$", "a".repeat(28) + "!", Ticker.SYSTEM, start + 200_000_000L))
                .isInstanceOf(Receive.Deadline.Expired.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void theDeadlineIsReadFromTheInjectedTicker() {
        long[] now = {0};
        Ticker stepping = () -> now[0] += 1_000_000; // 1 ms per read: the 50 ms budget ends after ~50 checks
        assertThatThrownBy(() -> Receive.find("(.*,){12}X", "a,".repeat(26), stepping, 50_000_000L))
                .isInstanceOf(Receive.Deadline.Expired.class);
    }

    @Test
    void anInterruptedMatchEnds() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> Receive.find("^(a+)+\\1$", "a".repeat(28) + "!", Ticker.SYSTEM, Long.MAX_VALUE))
                    .isInstanceOf(Receive.Deadline.Expired.class).hasMessage("interrupted");
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void theCacheOfCompiledPatternsIsBounded() {
        for (int i = 0; i < Receive.CACHE_SIZE * 3; i++) {
            Receive.compile("pattern-" + i);
        }
        assertThat(Receive.cached()).isLessThanOrEqualTo(Receive.CACHE_SIZE);
        assertThat(Receive.compile("same")).isSameAs(Receive.compile("same"));
    }
}
