package lvsd.vrrp.sys;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import lvsd.config.VipSpec;
import org.junit.jupiter.api.Test;

/** vrrp.md §11.6 fixture: add 192.168.200.16/32 label eth0:vip on ifindex 2 (seq 7 once the socket stamps it). */
class RtnlVipsTest {
    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replaceAll("\\s", ""));
    }

    static VipSpec vip(String label) throws Exception {
        return new VipSpec((Inet4Address) InetAddress.getByName("192.168.200.16"), 32, null, label);
    }

    /** What NetlinkSocket.request does before sending: REQUEST|ACK and a sequence number. */
    static byte[] stamped(byte[] m, int seq) {
        ByteBuffer b = ByteBuffer.wrap(m.clone()).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(6, (short) (b.getShort(6) | 0x0005));
        b.putInt(8, seq);
        return b.array();
    }

    @Test
    void newAddrMatchesTheFixture() throws Exception {
        byte[] m = stamped(RtnlVips.newAddr(2, vip("eth0:vip")), 7);
        assertThat(m).containsExactly(hex(""
                + "38 00 00 00 14 00 05 06 07 00 00 00 00 00 00 00" // len 56, RTM_NEWADDR, REQUEST|ACK|EXCL|CREATE
                + "02 20 00 00 02 00 00 00"                         // AF_INET /32, flags 0, scope 0, ifindex 2
                + "08 00 02 00 c0 a8 c8 10"                         // IFA_LOCAL
                + "08 00 01 00 c0 a8 c8 10"                         // IFA_ADDRESS
                + "0d 00 03 00 65 74 68 30 3a 76 69 70 00 00 00 00")); // IFA_LABEL "eth0:vip"
    }

    @Test
    void delAddrCarriesNoLabelAndNoCreateFlags() throws Exception {
        byte[] m = stamped(RtnlVips.delAddr(2, vip("eth0:vip")), 8);
        assertThat(m).containsExactly(hex(""
                + "28 00 00 00 15 00 05 00 08 00 00 00 00 00 00 00"
                + "02 20 00 00 02 00 00 00"
                + "08 00 02 00 c0 a8 c8 10"
                + "08 00 01 00 c0 a8 c8 10"));
    }
}
