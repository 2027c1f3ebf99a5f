package lvsd.vrrp;

import static lvsd.vrrp.Hex.bytes;
import static lvsd.vrrp.Hex.v4;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GarpTest {
    @Test
    void frameMatchesTheKeepalivedStyleFixture() {
        byte[] mac = bytes("52 54 00 12 34 56");
        assertThat(Garp.frame(mac, v4("192.168.200.16"))).containsExactly(bytes(""
                + "ff ff ff ff ff ff 52 54 00 12 34 56 08 06" // broadcast, our MAC, ARP
                + "00 01 08 00 06 04 00 01"                   // Ethernet/IPv4, request
                + "52 54 00 12 34 56 c0 a8 c8 10"             // sender = us, VIP
                + "ff ff ff ff ff ff c0 a8 c8 10"));          // target broadcast, VIP
    }

    @Test
    void macMustHaveSixBytes() {
        assertThatThrownBy(() -> Garp.frame(new byte[5], v4("10.0.0.1"))).isInstanceOf(IllegalArgumentException.class);
    }
}
