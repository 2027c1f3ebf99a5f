package lvsd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import lvsd.testing.StdStreams;
import lvsd.testing.StdStreams.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The picocli-free fast path takes only plain forms and behaves exactly like the picocli path. */
class FastPathTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "--help", "status --help", "status -h", "status --stat", "ipvs", "ipvs save -n",
        "ipvs restore --flsh", "ipvs --help", "help status", "statuss"})
    void anythingButThePlainFormsGoesToPicocli(String line) {
        assertThat(FastPath.run(line.isEmpty() ? new String[0] : line.split(" "))).isNull();
    }

    private record Outcome(int status, String err) {}

    private static Outcome run(boolean fast, String stdin, String... args) {
        Result r = StdStreams.run(stdin, () -> fast ? FastPath.run(args) : Main.execute(args));
        return new Outcome(r.status(), r.err());
    }

    @Test
    void badRestoreInputIsReportedTheSameWayOnBothPaths() {
        String input = "-A -t 10.0.0.1:80 -s rr\n-a -t 10.0.0.1:80 -r 10.0.0.2 -w many\n";
        Outcome fast = run(true, input, "ipvs", "restore", "--flush");
        assertThat(fast).isEqualTo(run(false, input, "ipvs", "restore", "--flush"));
        assertThat(fast).isEqualTo(new Outcome(Main.EXIT_BAD_INPUT, "lvsd: line 2: bad weight 'many'\n"));
    }

    @Test
    void statusWithoutIpvsIsReportedTheSameWayOnBothPaths() {
        assertThat(Files.exists(Path.of("/proc/net/ip_vs")))
                .as("needs a kernel without IPVS, as on the build hosts (the kernel suite covers the other side)")
                .isFalse();
        for (String[] args : new String[][] {{"status"}, {"status", "--json", "--stats"}, {"ipvs", "save"}}) {
            Outcome fast = run(true, "", args);
            assertThat(fast).isEqualTo(run(false, "", args));
            assertThat(fast.status()).isEqualTo(1);
            assertThat(fast.err()).contains("is the ip_vs module loaded?");
        }
        assertThat(run(true, "", "status", "--stats", "--rate"))
                .isEqualTo(run(false, "", "status", "--stats", "--rate"));
    }
}
