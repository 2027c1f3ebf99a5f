package lvsd.inet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressesTest {

    /** Expected strings are what glibc's inet_ntop prints for the same bytes. */
    @ParameterizedTest
    @CsvSource({
        "2001:db8:0:0:0:0:0:1, 2001:db8::1",
        "0:0:0:0:0:0:0:1, ::1",
        "0:0:0:0:0:0:0:0, ::",
        "2001:db8:0:1:0:0:0:1, 2001:db8:0:1::1",
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:db8:aaaa:bbbb:cccc:dddd:eeee:1, 2001:db8:aaaa:bbbb:cccc:dddd:eeee:1",
        "0:0:0:0:0:ffff:102:304, ::ffff:1.2.3.4",
        "0:0:0:0:0:0:102:304, ::1.2.3.4",
        "fe80:0:0:0:0:0:0:0, fe80::",
        "1:0:2:3:4:5:6:7, 1:0:2:3:4:5:6:7",
        "2001:DB8:0:0:0:0:0:ABCD, 2001:db8::abcd",
    })
    void formatsLikeInetNtop(String full, String expected) {
        assertThat(Addresses.numeric(Addresses.parse(full))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "1.2.3.256", "1.2.3.4.5", "a.b.c.d", "1::2::3", "12345::", "1:2:3:4:5:6:7:8:9",
        "example.com", "::g", "1:2:3:4:5:6:7", "[::1"})
    void rejectsAnythingButNumericAddresses(String text) {
        assertThatThrownBy(() -> Addresses.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void formatThenParseIsIdentity(long seed) throws Exception {
        Random rnd = new Random(seed);
        for (int i = 0; i < 500; i++) {
            byte[] b = new byte[rnd.nextBoolean() ? 4 : 16];
            rnd.nextBytes(b);
            if (b.length == 16) {
                for (int k = 0; k < 16; k++) {
                    if (rnd.nextInt(3) == 0) {
                        b[k] = 0; // runs of zeros exercise "::"
                    }
                }
            }
            InetAddress a = Addresses.fromBytes(b.length == 4 ? Family.INET : Family.INET6, b);
            assertThat(Addresses.parse(Addresses.numeric(a)).getAddress()).isEqualTo(b);
        }
    }
}
