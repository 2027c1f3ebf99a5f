package lvsd.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The watchdog's freshness rule with hand-picked times (ns). */
class WatchdogRuleTest {

    private static final long S = 1_000_000_000L;
    private final WatchdogRule rule = new WatchdogRule(10 * S);

    private static WatchdogRule.Pulse p(String name, long last) {
        return new WatchdogRule.Pulse(name, last);
    }

    @Test
    void freshMeansBeatenWithinTheInterval() {
        assertThat(rule.fresh(100 * S, 110 * S)).as("exactly the interval ago").isTrue();
        assertThat(rule.fresh(100 * S, 110 * S + 1)).as("one ns more").isFalse();
        assertThat(rule.fresh(Long.MAX_VALUE - S, Long.MIN_VALUE + S)).as("across the ticker's wrap").isTrue();
    }

    @Test
    void allFreshPingsAndNothingIsReported() {
        WatchdogRule.Verdict v = rule.look(List.of(p("lvsd-loop", 95 * S), p("lvsd-check-timer", 99 * S)), 100 * S);
        assertThat(v.ping()).isTrue();
        assertThat(v.wentStale()).isEmpty();
        assertThat(v.cameBack()).isEmpty();
    }

    @Test
    void noHeartbeatsAtAllPings() {
        assertThat(rule.look(List.of(), 100 * S).ping()).isTrue();
    }

    @Test
    void oneStaleHeartbeatWithholdsThePingAndIsReportedOncePerEpisode() {
        List<WatchdogRule.Pulse> wedged = List.of(p("lvsd-loop", 99 * S), p("lvsd-check-timer", 80 * S));
        WatchdogRule.Verdict first = rule.look(wedged, 100 * S);
        assertThat(first.ping()).isFalse();
        assertThat(first.wentStale()).containsExactly(p("lvsd-check-timer", 80 * S));

        WatchdogRule.Verdict second = rule.look(wedged, 105 * S);
        assertThat(second.ping()).isFalse();
        assertThat(second.wentStale()).as("already reported").isEmpty();

        WatchdogRule.Verdict back = rule.look(List.of(p("lvsd-loop", 105 * S), p("lvsd-check-timer", 106 * S)), 106 * S);
        assertThat(back.ping()).as("pings resume once all are fresh").isTrue();
        assertThat(back.cameBack()).containsExactly("lvsd-check-timer");

        WatchdogRule.Verdict again = rule.look(List.of(p("lvsd-check-timer", 106 * S)), 200 * S);
        assertThat(again.wentStale()).as("a new episode is reported again").hasSize(1);
    }

    @Test
    void aVanishedStaleHeartbeatCountsAsBack() {
        rule.look(List.of(p("lvsd-vrrp", 0)), 100 * S);
        WatchdogRule.Verdict v = rule.look(List.of(), 101 * S);
        assertThat(v.ping()).isTrue();
        assertThat(v.cameBack()).containsExactly("lvsd-vrrp");
    }

    @Test
    void theIntervalMustBePositive() {
        assertThatThrownBy(() -> new WatchdogRule(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
