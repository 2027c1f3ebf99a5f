package lvsd.ipvsadm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import lvsd.inet.Addresses;
import lvsd.inet.Family;
import lvsd.inet.Protocol;
import lvsd.ipvs.ServiceKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpvsadmOrderTest {

    private static ServiceKey k(String proto, String addr, int port) {
        return ServiceKey.of(Protocol.valueOf(proto), Addresses.parse(addr), port);
    }

    /** The order ipvsadm -Ln printed in the test VM, including its wrap-around quirks. */
    @Test
    void reproducesIpvsadmsQuirkyOrder() {
        List<ServiceKey> expected = List.of(
                ServiceKey.ofFwmark(Family.INET, 0xFFFFFFFFL),  // mark -1 sorts first
                k("TCP", "192.168.1.9", 80),
                k("UDP", "192.168.1.4", 5060),
                k("TCP", "2001:db8:aaaa:bbbb:cccc:dddd:eeee:1", 65535), // 0xaaaabbbb - 0 wraps negative
                k("TCP", "2001:db8::1", 80),
                ServiceKey.ofFwmark(Family.INET, 12),
                ServiceKey.ofFwmark(Family.INET6, 13));
        List<ServiceKey> shuffled = new ArrayList<>(expected);
        Collections.reverse(shuffled);
        assertThat(IpvsadmOrder.sort(shuffled, IpvsadmOrder.SERVICES)).isEqualTo(expected);
    }

    @Test
    void tenTwentyAfterOneNineTwoBecauseTheDifferenceWraps() {
        assertThat(IpvsadmOrder.SERVICES.compare(k("TCP", "10.20.0.1", 80), k("TCP", "192.168.1.13", 22)))
                .isPositive();
        assertThat(IpvsadmOrder.SERVICES.compare(k("TCP", "10.0.0.1", 80), k("TCP", "10.0.0.2", 80))).isNegative();
    }

    /** On inputs where the comparator is a proper order, the merge sort agrees with a stable sort. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void agreesWithAStableSortWhenTheComparatorIsConsistent(long seed) {
        Random rnd = new Random(seed);
        List<ServiceKey> keys = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            // addresses within 10.0.0.0/8 never wrap, so the comparator is transitive here
            keys.add(k("TCP", "10." + rnd.nextInt(256) + "." + rnd.nextInt(256) + ".1", rnd.nextInt(1000)));
        }
        List<ServiceKey> expected = new ArrayList<>(keys);
        expected.sort(IpvsadmOrder.SERVICES);
        assertThat(IpvsadmOrder.sort(keys, IpvsadmOrder.SERVICES)).isEqualTo(expected);
    }
}
