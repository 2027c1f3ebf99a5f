package lvsd.vrrp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import lvsd.config.Tracker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TrackerTest {
    static final Tracker.Kind K = Tracker.Kind.SCRIPT;

    @ParameterizedTest(name = "weight {0} reverse {1} ok {2} -> {3}")
    @CsvSource({
        "20, false, true, 20", "20, false, false, 0",
        "-20, false, true, 0", "-20, false, false, -20",
        "20, true, true, 0", "20, true, false, 20",
        "-20, true, true, -20", "-20, true, false, 0",
        "0, false, false, 0",
    })
    void contributionFollowsKeepalived(int w, boolean reverse, boolean ok, int expected) {
        assertThat(new Tracker(K, "x", w, reverse).contribution(ok)).isEqualTo(expected);
    }

    @Test
    void weightZeroFaultsWhileFailedOrWhileOkWhenReversed() {
        assertThat(new Tracker(K, "x", 0, false).faults(false)).isTrue();
        assertThat(new Tracker(K, "x", 0, false).faults(true)).isFalse();
        assertThat(new Tracker(K, "x", 0, true).faults(true)).isTrue();
        assertThat(new Tracker(K, "x", -5, false).faults(false)).isFalse();
    }

    @ParameterizedTest(name = "{0} + {1} = {2}")
    @CsvSource({"100, -20, 80", "100, -200, 1", "200, 100, 254", "255, -100, 255", "254, 1, 254", "1, 0, 1"})
    void effectivePriorityIsClampedAndOwnerNeverMoves(int base, int sum, int expected) {
        assertThat(Tracker.effectivePriority(base, sum)).isEqualTo(expected);
    }

    @Test
    void weightOutOfRangeIsRejected() {
        assertThatThrownBy(() -> new Tracker(K, "x", 254, false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void riseFallStartsOneSuccessAwayFromOk() {
        RiseFall r = RiseFall.start(3, 2, false);
        assertThat(r.ok()).isFalse();
        assertThat(r.record(true).ok()).isTrue();
        RiseFall cold = RiseFall.start(3, 2, true);
        assertThat(cold.record(true).record(true).ok()).isFalse();
        assertThat(cold.record(true).record(true).record(true).ok()).isTrue();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4})
    void riseSuccessesTurnOkAndFallFailuresTurnFailed(long seed) {
        Random rnd = new Random(seed);
        int rise = 1 + rnd.nextInt(4);
        int fall = 1 + rnd.nextInt(4);
        RiseFall r = RiseFall.start(rise, fall, rnd.nextBoolean());
        boolean expectOk = r.ok();
        int run = 0;
        boolean lastResult = false;
        for (int i = 0; i < 2000; i++) {
            boolean success = rnd.nextInt(3) > 0 == (i % 50 < 25);
            run = (i > 0 && success == lastResult) ? run + 1 : 1;
            lastResult = success;
            r = r.record(success);
            if (success && !expectOk && run >= rise) {
                expectOk = true;
            } else if (!success && expectOk && run >= fall) {
                expectOk = false;
            }
            if (i > 0) {
                assertThat(r.ok()).as("step %d rise %d fall %d", i, rise, fall).isEqualTo(expectOk);
            } else {
                expectOk = r.ok(); // the first sample starts the model from wherever start() put it
            }
        }
    }
}
