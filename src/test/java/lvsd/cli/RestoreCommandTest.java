package lvsd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Bad restore input is rejected before any IPVS access, so this runs anywhere (even without IPVS). */
class RestoreCommandTest {

    private static int run(String stdin, ByteArrayOutputStream err, String... args) {
        PrintStream oldErr = System.err;
        InputStream oldIn = System.in;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            return Main.execute(args);
        } finally {
            System.setErr(oldErr);
            System.setIn(oldIn);
        }
    }

    @Test
    void badLineIsNamedAndExitIsBadInput() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = run("-A -t 10.0.0.1:80 -s rr\n-a -t 10.0.0.1:80 -r 10.0.0.2 -w many\n", err, "ipvs", "restore");
        assertThat(status).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("lvsd: line 2: bad weight 'many'\n");
    }

    @Test
    void statsAndRateTogetherAreBadInput() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(run("", err, "status", "--stats", "--rate")).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot be combined");
    }
}
