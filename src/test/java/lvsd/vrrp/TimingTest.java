package lvsd.vrrp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** vrrp.md §5 worked values (1 s / 100 cs), kept exact in nanoseconds. */
class TimingTest {
    @ParameterizedTest(name = "priority {0}")
    @CsvSource({
        "254, 7812500, 3007812500",
        "200, 218750000, 3218750000",
        "150, 414062500, 3414062500",
        "100, 609375000, 3609375000",
        "50, 804687500, 3804687500",
    })
    void skewAndMasterDownMatchTheTable(int prio, long skew, long down) {
        assertThat(Timing.skewNanos(2, prio, 100)).isEqualTo(skew);
        assertThat(Timing.skewNanos(3, prio, 100)).isEqualTo(skew);
        assertThat(Timing.masterDownNanos(2, prio, 100)).isEqualTo(down);
        assertThat(Timing.masterDownNanos(3, prio, 100)).isEqualTo(down);
    }

    @ParameterizedTest(name = "priority {0}")
    @CsvSource({"100, 10, 360937500", "254, 10, 300781250"})
    void v3SkewScalesWithTheMasterInterval(int prio, int cs, long down) {
        assertThat(Timing.masterDownNanos(3, prio, cs)).isEqualTo(down);
    }
}
