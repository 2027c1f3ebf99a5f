package lvsd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * On the development host, whose kernel has no IPVS: every IPVS command says so in plain words and fails.
 * (Skipped, and so not counted as passed, on a machine that does have IPVS.)
 */
class NoIpvsTest {

    @BeforeEach
    void hostHasNoIpvs() {
        assertThat(Files.exists(Path.of("/proc/net/ip_vs")))
                .as("needs a kernel without IPVS, as on the build hosts (the kernel suite covers the other side)")
                .isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"status", "status --stats", "status --json", "ipvs save", "ipvs restore"})
    void commandsExplainThatIpvsIsMissing(String command) {
        PrintStream oldErr = System.err;
        InputStream oldIn = System.in;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            System.setIn(new ByteArrayInputStream("-A -t 10.0.0.1:80 -s rr\n".getBytes(StandardCharsets.UTF_8)));
            status = Main.execute(command.split(" "));
        } finally {
            System.setErr(oldErr);
            System.setIn(oldIn);
        }
        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("lvsd: IPVS is not available in this kernel: is the ip_vs module loaded?\n");
    }
}
