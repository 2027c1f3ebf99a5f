package lvsd.director;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import java.util.Set;
import lvsd.check.Health;
import lvsd.check.Transition;
import lvsd.config.RealServer;
import lvsd.config.VirtualService;
import lvsd.inet.Forwarding;
import org.junit.jupiter.api.Test;

class HealthBookTest {

    private final VirtualService v = Fixtures.tcp("10.0.0.1:80").real("10.0.0.2:80", Forwarding.ROUTE, 5)
            .real("10.0.0.3:80", Forwarding.ROUTE, 5).build();
    private final RealServer r2 = v.reals().get(0);
    private final RealServer r3 = v.reals().get(1);
    private final HealthBook empty = HealthBook.empty((vs, r) -> r.endpoint());

    @Test
    void unknownUntilTheFirstTransition() {
        assertThat(empty.health(v, r2)).isEqualTo(RealHealth.PENDING);
    }

    @Test
    void transitionsMapToUpWithDynamicWeightAndDownWithReason() {
        HealthBook b = empty
                .apply(new Transition("10.0.0.2:80", Health.UNKNOWN, Health.UP, OptionalInt.of(7), "exit 9"))
                .apply(new Transition("10.0.0.3:80", Health.UNKNOWN, Health.DOWN, OptionalInt.empty(), "refused"));
        assertThat(b.health(v, r2)).isEqualTo(new RealHealth.Up(OptionalInt.of(7), "exit 9"));
        assertThat(b.health(v, r3)).isEqualTo(new RealHealth.Down("refused"));
        assertThat(empty.health(v, r2)).as("immutable").isEqualTo(RealHealth.PENDING);
    }

    @Test
    void retainDropsChecksNoLongerRegistered() {
        HealthBook b = empty
                .apply(new Transition("10.0.0.2:80", Health.UNKNOWN, Health.UP, OptionalInt.empty(), "ok"))
                .apply(new Transition("10.0.0.3:80", Health.UNKNOWN, Health.UP, OptionalInt.empty(), "ok"))
                .retain(Set.of("10.0.0.3:80"));
        assertThat(b.health(v, r2)).isEqualTo(RealHealth.PENDING);
        assertThat(b.health(v, r3)).isInstanceOf(RealHealth.Up.class);
    }
}
