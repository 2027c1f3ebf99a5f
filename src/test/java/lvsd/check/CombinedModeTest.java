package lvsd.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CombinedModeTest {
    private final Target t = new Target(InetAddress.getLoopbackAddress(), 80);
    private final CheckSpec.Connect connect = new CheckSpec.Connect(t, Duration.ofSeconds(1));
    private final CheckSpec negotiate = new CheckSpec.Http(t, false, false, "GET", "/", "", "", Duration.ofSeconds(2));
    private final CheckSpec.Combined spec = new CheckSpec.Combined(negotiate, connect, 2);

    private List<String> kinds(boolean... ups) {
        CombinedMode m = CombinedMode.START;
        List<String> out = new ArrayList<>();
        for (boolean up : ups) {
            out.add(m.pick(spec) == negotiate ? "N" : "C");
            m = m.after(spec, up ? CheckResult.Up.PLAIN : new CheckResult.Down("x"));
        }
        return out;
    }

    @Test
    void negotiateThenNConnectsThenNegotiate() {
        assertThat(kinds(true, true, true, true, true, true)).containsExactly("N", "C", "C", "N", "C", "C");
    }

    @Test
    void failedConnectForcesNegotiateAndFailedNegotiateRepeats() {
        assertThat(kinds(true, false, false, false, true, true)).containsExactly("N", "C", "N", "N", "N", "C");
    }

    @Test
    void timeoutIsTheLongerOfBoth() {
        assertThat(spec.timeout()).isEqualTo(Duration.ofSeconds(2));
    }
}
