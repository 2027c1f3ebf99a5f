package lvsd.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AttrReaderTest {

    /** ipvs-netlink.md example A's reply (family id 0x0024), with an OPS nest and an unknown attribute. */
    static final String NEWFAMILY_REPLY = """
            54 00 00 00 10 00 00 00 01 00 00 00 39 30 00 00   # header: len 84, GENL_ID_CTRL, seq 1, pid 0x3039
            01 02 00 00                                       # cmd NEWFAMILY, version 2
            09 00 02 00 49 50 56 53 00 00 00 00               # FAMILY_NAME "IPVS"
            06 00 01 00 24 00 00 00                           # FAMILY_ID 0x0024 + pad
            08 00 03 00 01 00 00 00                           # VERSION 1
            08 00 04 00 00 00 00 00                           # HDRSIZE 0
            08 00 05 00 06 00 00 00                           # MAXATTR 6
            0c 00 06 80 08 00 01 00 01 00 00 00               # OPS nest (skipped)
            05 00 7f 00 01 00 00 00                           # unknown attribute 127 (skipped)
            """;

    @Test
    void parsesTheFamilyReplyAndSkipsUnknownAttributes() throws Exception {
        byte[] b = Hex.bytes(NEWFAMILY_REPLY);
        Message m = Message.parseAll(b, b.length).get(0);
        assertThat(m.seq()).isEqualTo(1);
        assertThat(m.pid()).isEqualTo(0x3039);
        assertThat(GenlFamily.parse(m)).isEqualTo(new GenlFamily("IPVS", 0x24, 1, 6));
    }

    @Test
    void wrongIntegerLengthIsReportedOnce() {
        byte[] b = Hex.bytes("""
                1c 00 00 00 10 00 00 00 01 00 00 00 00 00 00 00
                01 02 00 00
                05 00 01 00 24 00 00 00      # FAMILY_ID with 1 byte: not a u16
                """);
        assertThatThrownBy(() -> GenlFamily.parse(Message.parseAll(b, b.length).get(0)))
                .isInstanceOf(NetlinkException.class)
                .hasMessageContaining("attribute 1 has 1 byte(s), expected 2");
    }

    @Test
    void attributeRunningPastItsMessageIsMalformed() {
        byte[] b = Hex.bytes("""
                18 00 00 00 10 00 00 00 01 00 00 00 00 00 00 00
                01 02 00 00
                40 00 01 00                  # claims 64 bytes
                """);
        assertThatThrownBy(() -> GenlFamily.parse(Message.parseAll(b, b.length).get(0)))
                .isInstanceOf(NetlinkException.class)
                .hasMessageContaining("runs past its container");
    }

    @Test
    void messageLengthPastTheDatagramIsMalformed() {
        byte[] b = Hex.bytes("ff 00 00 00 10 00 00 00 01 00 00 00 00 00 00 00");
        assertThatThrownBy(() -> Message.parseAll(b, b.length)).isInstanceOf(NetlinkException.class)
                .hasMessageContaining("outside");
    }

    @Test
    void extendedAckTextIsFoundAfterACappedRequest() throws Exception {
        byte[] b = Hex.bytes("""
                38 00 00 00 02 00 00 03 05 00 00 00 39 30 00 00   # len 56, ERROR, flags CAPPED|ACK_TLVS, seq 5
                ea ff ff ff                                       # error -22 (EINVAL)
                68 00 00 00 24 00 05 00 05 00 00 00 00 00 00 00   # echoed request header, seq 5
                13 00 01 00 62 61 64 20 73 63 68 65 64 75 6c 65 72 00 00 00   # MSG "bad scheduler"
                """);
        Message m = Message.parseAll(b, b.length).get(0);
        assertThat(m.errorCode()).isEqualTo(-22);
        assertThat(m.errorSeq()).isEqualTo(5);
        assertThat(m.extAckMessage()).isEqualTo("bad scheduler");
    }

    /** Random bytes may only ever raise the codec's own exception, never anything else. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
    void hostileBytesOnlyRaiseNetlinkException(long seed) {
        Random rnd = new Random(seed);
        for (int i = 0; i < 300; i++) {
            byte[] b = new byte[rnd.nextInt(120)];
            rnd.nextBytes(b);
            if (b.length >= 4 && rnd.nextBoolean()) {
                b[0] = (byte) b.length; // plausible length, random content
                b[1] = b[2] = b[3] = 0;
            }
            try {
                for (Message m : Message.parseAll(b, b.length)) {
                    m.extAckMessage();
                    m.errorCode();
                    AttrReader r = m.genlAttrs();
                    while (r.next()) {
                        r.nested().next();
                        r.u32();
                        r.string();
                    }
                    try {
                        r.check();
                        GenlFamily.parse(m);
                    } catch (NetlinkException expected) {
                        // fine: malformed data is reported, not thrown as something else
                    }
                }
            } catch (NetlinkException expected) {
                // fine
            }
        }
    }
}
