package lvsd.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TimelineTest {

    @Test
    void itemsComeOutInDueOrderAndTiesInInsertionOrder() {
        Timeline<String> t = new Timeline<>();
        t.add(30, "c");
        t.add(10, "a");
        t.add(10, "b");
        t.add(50, "d");
        assertThat(t.waitNanos(0)).isEqualTo(10);
        assertThat(t.pollDue(9)).isEmpty();
        assertThat(t.pollDue(30)).containsExactly("a", "b", "c");
        assertThat(t.waitNanos(40)).isEqualTo(10);
        assertThat(t.waitNanos(60)).isZero();
        assertThat(t.pollDue(60)).containsExactly("d");
        assertThat(t.waitNanos(60)).isEqualTo(-1);
    }

    @Test
    void comparesNanoTimesAcrossTheSignFlip() {
        Timeline<String> t = new Timeline<>();
        long near = Long.MAX_VALUE - 5;
        t.add(near + 10, "later"); // wraps to a negative number
        t.add(near, "sooner");
        assertThat(t.pollDue(near + 20)).containsExactly("sooner", "later");
    }

    @Test
    void spreadIsStableWithinTheIntervalAndSpreadsThousandsOfChecks() {
        long interval = Duration.ofSeconds(1).toNanos();
        Set<Long> buckets = new HashSet<>();
        int[] perBucket = new int[10];
        for (int i = 0; i < 10_000; i++) {
            CheckSpec spec = new CheckSpec.Connect(new Target(java.net.InetAddress.getLoopbackAddress(), i + 1),
                    Duration.ofSeconds(5));
            long off = Timeline.spreadOffset(spec, interval);
            assertThat(off).isBetween(0L, interval - 1);
            assertThat(Timeline.spreadOffset(spec, interval)).isEqualTo(off);
            buckets.add(off / 1_000_000);
            perBucket[(int) (off * 10 / interval)]++;
        }
        // 10,000 checks land in many distinct milliseconds, and every tenth of the interval gets a fair share
        assertThat(buckets.size()).isGreaterThan(900);
        for (int n : perBucket) {
            assertThat(n).isBetween(700, 1300);
        }
    }
}
