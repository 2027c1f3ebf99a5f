package lvsd.director;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddrTextTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "10.0.0.2, 10.0.0.2",
        "2001:db8:0:0:0:0:0:2, 2001:db8::2",
        "::1, ::1",
        "::, ::",
        "fe80:0:0:1:0:0:0:1, fe80:0:0:1::1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "2001:0:0:1:0:0:1:1, 2001::1:0:0:1:1",
        "2001:db8:1:0:0:0:0:0, 2001:db8:1::",
    })
    void ipv6IsPrintedInShortForm(String in, String out) throws UnknownHostException {
        assertThat(AddrText.of(InetAddress.getByName(in))).isEqualTo(out);
    }
}
