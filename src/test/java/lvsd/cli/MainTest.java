package lvsd.cli;

import static lvsd.testing.StdStreams.stdoutOf;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void helpListsTheCommandName() {
        String out = stdoutOf(() -> assertThat(Main.execute("--help")).isZero());
        assertThat(out).startsWith("Usage: lvsd");
    }

    @Test
    void unknownOptionIsBadInput() {
        assertThat(Main.execute("--no-such-option")).isEqualTo(Main.EXIT_BAD_INPUT);
    }
}
