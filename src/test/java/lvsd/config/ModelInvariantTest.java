package lvsd.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import lvsd.inet.Addresses;
import lvsd.inet.Family;
import lvsd.inet.Forwarding;
import lvsd.inet.Protocol;
import org.junit.jupiter.api.Test;

/** The records reject impossible values, so a model built by hand obeys the parser's rules. */
class ModelInvariantTest {
    private static final SourcePos P = new SourcePos("t.cf", 1);

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void virtualKeyShapes() throws Exception {
        assertThat(VirtualKey.of(Protocol.TCP, ip("2001:db8::1"), 80)).hasToString("tcp:[2001:db8::1]:80");
        assertThat(VirtualKey.fwmark(Family.INET6, 7)).hasToString("fwm6:7");
        assertThatThrownBy(() -> new VirtualKey(Protocol.TCP, Family.INET, ip("192.0.2.1"), 0, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VirtualKey.fwmark(Family.INET, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VirtualKey(Protocol.TCP, Family.INET6, ip("192.0.2.1"), 80, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VirtualKey.of(Protocol.UDP, ip("192.0.2.1"), 65536))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void realServerRanges() throws Exception {
        assertThatThrownBy(() -> new RealServer(ip("192.0.2.1"), 80, Forwarding.ROUTE, 65536, 0, 0,
                Optional.empty(), Optional.empty(), 80, P)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RealServer(ip("192.0.2.1"), 80, Forwarding.ROUTE, 1, 0, 0,
                Optional.of("/"), Optional.empty(), 80, P)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void configRejectsDuplicateKeysAndParseResultPairsConfigWithErrors() {
        Config c = Parsing.ok("virtual=192.0.2.1:80\n\treal=192.0.2.10 gate\n");
        VirtualService v = c.virtuals().get(0);
        assertThatThrownBy(() -> new Config("x", c.globals(), List.of(v, v), lvsd.config.VrrpConfig.EMPTY,
                List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ParseResult(c, List.of(Diagnostic.error(P, "x"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ParseResult(null, List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void orThrowCarriesEveryError() {
        ParseResult r = Parsing.parse("quiescent=x\nfork=y\n");
        assertThatThrownBy(r::orThrow).isInstanceOf(ConfigException.class)
                .hasMessage("t.cf:1: quiescent must be 'yes' or 'no', got \"x\"\nt.cf:2: fork must be 'yes' or 'no', got \"y\"");
    }

    @Test
    void collectionsAreImmutable() {
        Config c = Parsing.ok("virtual=192.0.2.1:80\n\treal=192.0.2.10 gate\n");
        assertThatThrownBy(() -> c.virtuals().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> c.virtuals().get(0).reals().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void ipv6IsPrintedCompressed() throws Exception {
        assertThat(Addresses.numeric(ip("2001:db8:0:0:1:0:0:1"))).isEqualTo("2001:db8::1:0:0:1");
        assertThat(Addresses.numeric(ip("::1"))).isEqualTo("::1");
        assertThat(Addresses.numeric(ip("2001:db8:1:2:3:4:5:6"))).isEqualTo("2001:db8:1:2:3:4:5:6");
        assertThat(Addresses.numeric(ip("::"))).isEqualTo("::");
        assertThat(Addresses.numeric(ip("fe80::1:0:0:0"))).isEqualTo("fe80::1:0:0:0");
    }
}
