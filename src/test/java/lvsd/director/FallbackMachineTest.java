package lvsd.director;

import static lvsd.director.Effect.FallbackCommand.Action.START;
import static lvsd.director.Effect.FallbackCommand.Action.STOP;
import static lvsd.director.FallbackMachine.State.OFF;
import static lvsd.director.FallbackMachine.State.ON;
import static lvsd.director.FallbackMachine.State.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.stream.Stream;
import lvsd.director.Effect.FallbackCommand.Action;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FallbackMachineTest {

    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of("no real up at start: fallback on, start runs", UNKNOWN, false, false, ON, true, START),
                Arguments.of("no real up, still on: start does not run again", ON, false, false, ON, true, null),
                Arguments.of("a real comes back: fallback off, stop runs", ON, true, false, OFF, true, STOP),
                Arguments.of("real up at start: off, no stop without an earlier start", UNKNOWN, true, false, OFF, true, null),
                Arguments.of("still up: nothing runs", OFF, true, true, OFF, true, null),
                Arguments.of("last real fails: fallback on, start runs", OFF, false, false, ON, true, START),
                Arguments.of("nothing up but checks pending at start: undecided", UNKNOWN, false, true, UNKNOWN, false, null),
                Arguments.of("fallback on and a new real pending: stays on, undecided", ON, false, true, ON, false, null),
                Arguments.of("up real with others pending: off", ON, true, true, OFF, true, STOP));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void fallbackTransitions(String behaviour, FallbackMachine.State previous, boolean anyUp, boolean undecided,
            FallbackMachine.State state, boolean decided, Action action) {
        FallbackMachine.Step step = FallbackMachine.next(previous, anyUp, undecided);
        assertThat(step.state()).isEqualTo(state);
        assertThat(step.decided()).isEqualTo(decided);
        assertThat(step.action()).isEqualTo(Optional.ofNullable(action));
    }
}
