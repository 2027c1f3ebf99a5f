package lvsd.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HealthTrackerTest {
    private static final CheckResult UP = CheckResult.Up.PLAIN;
    private static final CheckResult DOWN = new CheckResult.Down("refused");

    /** Feeds results and returns the health after each one. */
    private static List<Health> run(int rise, int fall, CheckResult... results) {
        HealthTracker t = HealthTracker.INITIAL;
        List<Health> out = new ArrayList<>();
        for (CheckResult r : results) {
            t = t.observe("k", r, rise, fall).tracker();
            out.add(t.health());
        }
        return out;
    }

    @Test
    void firstResultDecidesAtOnceEvenWithLargeRiseAndFall() {
        assertThat(run(5, 5, UP)).containsExactly(Health.UP);
        assertThat(run(5, 5, DOWN)).containsExactly(Health.DOWN);
    }

    @Test
    void fallCountsConsecutiveFailuresAndASuccessResetsThem() {
        assertThat(run(1, 3, UP, DOWN, DOWN, UP, DOWN, DOWN, DOWN))
                .containsExactly(Health.UP, Health.UP, Health.UP, Health.UP, Health.UP, Health.UP, Health.DOWN);
    }

    @Test
    void riseOneIsLdirectordsOneSuccessRestores() {
        assertThat(run(1, 1, DOWN, UP)).containsExactly(Health.DOWN, Health.UP);
    }

    @Test
    void riseKeepsAFlappingServerOut() {
        assertThat(run(3, 1, DOWN, UP, DOWN, UP, UP, DOWN, UP, UP, UP))
                .containsExactly(Health.DOWN, Health.DOWN, Health.DOWN, Health.DOWN, Health.DOWN, Health.DOWN,
                        Health.DOWN, Health.DOWN, Health.UP);
    }

    @Test
    void timeoutCountsAsAFailure() {
        assertThat(run(1, 2, UP, new CheckResult.TimedOut("x"), new CheckResult.TimedOut("x")))
                .containsExactly(Health.UP, Health.UP, Health.DOWN);
    }

    @Test
    void transitionsCarryFromToAndReason() {
        HealthTracker.Step s1 = HealthTracker.INITIAL.observe("web", UP, 1, 1);
        assertThat(s1.transition()).hasValueSatisfying(t -> {
            assertThat(t.from()).isEqualTo(Health.UNKNOWN);
            assertThat(t.to()).isEqualTo(Health.UP);
        });
        HealthTracker.Step s2 = s1.tracker().observe("web", DOWN, 1, 1);
        assertThat(s2.transition()).hasValueSatisfying(t -> {
            assertThat(t.key()).isEqualTo("web");
            assertThat(t.from()).isEqualTo(Health.UP);
            assertThat(t.to()).isEqualTo(Health.DOWN);
            assertThat(t.reason()).isEqualTo("refused");
        });
        assertThat(s2.tracker().observe("web", DOWN, 1, 1).transition()).isEmpty();
    }

    @Test
    void aNewDynamicWeightWhileUpIsATransition() {
        HealthTracker t = HealthTracker.INITIAL.observe("k", CheckResult.Up.withWeight(5), 1, 1).tracker();
        HealthTracker.Step same = t.observe("k", CheckResult.Up.withWeight(5), 1, 1);
        assertThat(same.transition()).isEmpty();
        HealthTracker.Step changed = same.tracker().observe("k", CheckResult.Up.withWeight(9), 1, 1);
        assertThat(changed.transition()).hasValueSatisfying(tr -> {
            assertThat(tr.from()).isEqualTo(Health.UP);
            assertThat(tr.to()).isEqualTo(Health.UP);
            assertThat(tr.weight()).isEqualTo(OptionalInt.of(9));
        });
    }

    /** Property: health only ever changes after exactly rise successes or fall failures in a row. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 4711})
    void randomSequencesObeyRiseAndFall(long seed) {
        Random rnd = new Random(seed);
        int rise = 1 + rnd.nextInt(4);
        int fall = 1 + rnd.nextInt(4);
        HealthTracker t = HealthTracker.INITIAL;
        int run = 0;
        Boolean lastUp = null;
        for (int i = 0; i < 2000; i++) {
            boolean up = rnd.nextInt(3) > 0;
            run = lastUp != null && lastUp == up ? run + 1 : 1;
            lastUp = up;
            Health before = t.health();
            HealthTracker.Step s = t.observe("k", up ? UP : DOWN, rise, fall);
            t = s.tracker();
            if (before == Health.UNKNOWN) {
                assertThat(t.health()).isEqualTo(up ? Health.UP : Health.DOWN);
            } else if (before != t.health()) {
                assertThat(run).isEqualTo(up ? rise : fall);
                assertThat(s.transition()).isPresent();
            } else {
                assertThat(s.transition()).isEmpty();
            }
        }
    }
}
