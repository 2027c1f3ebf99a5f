package lvsd.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MessageBuilderTest {

    /** ipvs-netlink.md worked example A with seq 0 (the socket stamps the sequence number). */
    static final String GETFAMILY_IPVS = """
            20 00 00 00   # nlmsg_len 32
            10 00         # type GENL_ID_CTRL
            05 00         # flags REQUEST|ACK
            00 00 00 00   # seq (stamped on send)
            00 00 00 00   # pid
            03 01 00 00   # cmd GETFAMILY, version 1, reserved
            09 00 02 00   # attr len 9, FAMILY_NAME
            49 50 56 53 00 00 00 00  # "IPVS\\0" + 3 pad
            """;

    @Test
    void getFamilyRequestMatchesTheWorkedExample() {
        assertThat(Hex.of(GenlFamily.request("IPVS"))).isEqualTo(Hex.of(Hex.bytes(GETFAMILY_IPVS)));
    }

    @Test
    void integersArePaddedToFourBytes() {
        byte[] m = new MessageBuilder(0x20, Nl.F_REQUEST).u8(1, 0xAB).u16(2, 0x1234).u16be(3, 80).u32(4, 7)
                .u64(5, 1L << 40).build();
        assertThat(Hex.of(m)).isEqualTo(Hex.of(Hex.bytes("""
                3c 00 00 00 20 00 01 00 00 00 00 00 00 00 00 00   # header, len 60
                05 00 01 00 ab 00 00 00                           # u8 + 3 pad
                06 00 02 00 34 12 00 00                           # u16 host order + 2 pad
                06 00 03 00 00 50 00 00                           # u16 network order (port 80)
                08 00 04 00 07 00 00 00                           # u32
                0c 00 05 00 00 00 00 00 00 01 00 00               # u64
                """)));
    }

    @Test
    void nestLengthCoversChildrenAndTheNestedBitIsSet() {
        byte[] m = new MessageBuilder(0x20, Nl.F_REQUEST).begin(1).u32(2, 1).string(3, "ab").end().build();
        assertThat(Hex.of(m)).isEqualTo(Hex.of(Hex.bytes("""
                24 00 00 00 20 00 01 00 00 00 00 00 00 00 00 00
                14 00 01 80          # nest len 20, type 1 | NLA_F_NESTED
                08 00 02 00 01 00 00 00
                07 00 03 00 61 62 00 00   # "ab\\0" + pad
                """)));
    }

    @Test
    void unbalancedNestsAreProgrammingErrors() {
        assertThatThrownBy(() -> new MessageBuilder(1, 0).begin(1).build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new MessageBuilder(1, 0).end()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void readerReadsWhatTheBuilderWrote() throws Exception {
        byte[] m = MessageBuilder.genl(0x24, Nl.F_REQUEST, 1, 1).u16(1, 2).u16be(4, 443).u32be(9, 0xFFFFFF00)
                .begin(10).u64(4, 123456789012L).u32(1, 5).end().string(6, "wlc").build();
        Message msg = Message.parseAll(m, m.length).get(0);
        assertThat(msg.type()).isEqualTo(0x24);
        assertThat(msg.genlCmd()).isEqualTo(1);
        AttrReader r = msg.genlAttrs();
        assertThat(r.next()).isTrue();
        assertThat(r.u16()).isEqualTo(2);
        assertThat(r.next()).isTrue();
        assertThat(r.u16be()).isEqualTo(443);
        assertThat(r.next()).isTrue();
        assertThat(r.u32be()).isEqualTo(0xFFFFFF00);
        assertThat(r.next()).isTrue();
        assertThat(r.type()).isEqualTo(10);
        AttrReader n = r.nested();
        assertThat(n.next()).isTrue();
        assertThat(n.uint()).isEqualTo(123456789012L);
        assertThat(n.next()).isTrue();
        assertThat(n.uint()).isEqualTo(5);
        assertThat(n.next()).isFalse();
        assertThat(r.next()).isTrue();
        assertThat(r.string()).isEqualTo("wlc");
        assertThat(r.next()).isFalse();
        r.check(n);
    }
}
