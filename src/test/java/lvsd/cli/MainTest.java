package lvsd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MainTest {

    private static String captureStdout(Runnable r) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsTheCommandName() {
        String out = captureStdout(() -> assertThat(Main.execute("--help")).isZero());
        assertThat(out).startsWith("Usage: lvsd");
    }

    @Test
    void unknownOptionIsBadInput() {
        assertThat(Main.execute("--no-such-option")).isEqualTo(Main.EXIT_BAD_INPUT);
    }
}
