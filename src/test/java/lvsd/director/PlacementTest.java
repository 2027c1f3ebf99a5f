package lvsd.director;

import static lvsd.director.Placement.Mode.ABSENT;
import static lvsd.director.Placement.Mode.ENSURE;
import static lvsd.director.Placement.Mode.IF_PRESENT;
import static lvsd.director.Placement.Mode.LEAVE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PlacementTest {

    private static final RealHealth UP = RealHealth.Up.of("check passed");
    private static final RealHealth UP_W7 = new RealHealth.Up(OptionalInt.of(7), "exit 9");
    private static final RealHealth DOWN = new RealHealth.Down("connect refused");
    private static final RealHealth PENDING = RealHealth.PENDING;
    private static final OptionalInt ABSENT_K = OptionalInt.empty();

    static Stream<Arguments> rows() {
        return Stream.of(
                row("up real at configured weight", UP, null, true, false, ABSENT_K, ENSURE, 5, "up (weight 5)"),
                row("dynamic weight from the check wins", UP_W7, null, true, false, ABSENT_K, ENSURE, 7, "up (weight 7)"),
                row("quiescent=yes: failed real gets weight 0 if present", DOWN, null, true, false, OptionalInt.of(5), IF_PRESENT, 0, "quiesced"),
                row("quiescent=yes, readdquiescent=yes: failed real re-added at 0", DOWN, null, true, true, ABSENT_K, ENSURE, 0, "quiesced"),
                row("quiescent=no: failed real deleted", DOWN, null, false, false, OptionalInt.of(5), ABSENT, 0, "removed"),
                row("maintenance file beats a passing check", UP, "10.0.0.2", true, false, OptionalInt.of(5), IF_PRESENT, 0, "quiesced"),
                row("maintenance with quiescent=no deletes", UP, "10.0.0.2:80", false, false, OptionalInt.of(5), ABSENT, 0, "removed"),
                row("pending and absent: not added", PENDING, null, true, true, ABSENT_K, LEAVE, 0, "pending"),
                row("pending at weight 0 in kernel: left alone", PENDING, null, true, false, OptionalInt.of(0), LEAVE, 0, "pending"),
                row("pending in rotation in kernel: adopted at configured weight", PENDING, null, true, false, OptionalInt.of(3), ENSURE, 5, "up (weight 5)"),
                row("pending in maintenance: down", PENDING, "10.0.0.2", true, false, OptionalInt.of(3), IF_PRESENT, 0, "quiesced"));
    }

    private static Arguments row(String behaviour, RealHealth h, String maint, boolean quiescent, boolean readd,
            OptionalInt kernel, Placement.Mode mode, int weight, String status) {
        return Arguments.of(behaviour, h, maint, quiescent, readd, kernel, mode, weight, status);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void placementRules(String behaviour, RealHealth h, String maint, boolean quiescent, boolean readd,
            OptionalInt kernel, Placement.Mode mode, int weight, String status) {
        Placement p = Placement.of(h, Optional.ofNullable(maint), 5, quiescent, readd, kernel);
        assertThat(p.mode()).isEqualTo(mode);
        assertThat(p.weight()).isEqualTo(weight);
        assertThat(p.status().toString()).isEqualTo(status);
        if (maint != null) {
            assertThat(p.reason()).contains(maint);
        }
    }
}
