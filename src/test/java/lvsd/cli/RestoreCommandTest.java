package lvsd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import lvsd.testing.StdStreams;
import lvsd.testing.StdStreams.Result;
import org.junit.jupiter.api.Test;

/** Bad restore input is rejected before any IPVS access, so this runs anywhere (even without IPVS). */
class RestoreCommandTest {

    private static Result run(String stdin, String... args) {
        return StdStreams.run(stdin, () -> Main.execute(args));
    }

    @Test
    void badLineIsNamedAndExitIsBadInput() {
        Result r = run("-A -t 10.0.0.1:80 -s rr\n-a -t 10.0.0.1:80 -r 10.0.0.2 -w many\n", "ipvs", "restore");
        assertThat(r.status()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(r.err()).isEqualTo("lvsd: line 2: bad weight 'many'\n");
    }

    @Test
    void statsAndRateTogetherAreBadInput() {
        Result r = run("", "status", "--stats", "--rate");
        assertThat(r.status()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(r.err()).contains("cannot be combined");
    }
}
