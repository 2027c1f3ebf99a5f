package lvsd.check.proto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.Random;
import lvsd.check.CheckResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DnsCodecTest {

    @Test
    void aQueryIsLaidOutAsRfc1035Says() {
        byte[] q = DnsCodec.query(0x1234, "/www.example.org");
        assertThat(HexFormat.of().formatHex(q)).isEqualTo(
                "1234" // id
                + "0100" // flags: RD
                + "0001" + "0000" + "0000" + "0000" // qd=1, an, ns, ar
                + "03777777" + "076578616d706c65" + "036f7267" + "00" // www example org .
                + "0001" + "0001"); // A, IN
    }

    @Test
    void anAddressBecomesAPtrQueryUnderInAddrArpa() {
        byte[] q = DnsCodec.query(1, "192.0.2.7");
        String hex = HexFormat.of().formatHex(q);
        assertThat(hex).contains("0137" + "0132" + "0130" + "03313932" + "07696e2d61646472" + "046172706100");
        assertThat(hex).endsWith("000c0001"); // PTR, IN
    }

    /** A reply to "www.example.org A" with two answers, the second name compressed. */
    static byte[] reply(int id, int rcode) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] q = DnsCodec.query(id, "www.example.org");
        b.write(q[0]);
        b.write(q[1]);
        b.writeBytes(new byte[] {(byte) 0x81, (byte) (0x80 | rcode), 0, 1, 0, 2, 0, 0, 0, 0});
        b.writeBytes(java.util.Arrays.copyOfRange(q, 12, q.length)); // the question again
        // answer 1: name pointer to offset 12, A, IN, ttl 60, 4 bytes 192.0.2.1
        b.writeBytes(new byte[] {(byte) 0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, (byte) 192, 0, 2, 1});
        // answer 2: a CNAME-like PTR record whose data is "mail" + pointer to "example.org" (offset 16)
        b.writeBytes(new byte[] {(byte) 0xc0, 12, 0, 12, 0, 1, 0, 0, 0, 60, 0, 7, 4, 'm', 'a', 'i', 'l', (byte) 0xc0, 16});
        return b.toByteArray();
    }

    @Test
    void answersReadsAddressesAndCompressedNames() throws Exception {
        byte[] r = reply(77, 0);
        assertThat(DnsCodec.answers(r, r.length, 77)).containsExactly("192.0.2.1", "mail.example.org");
    }

    @Test
    void mismatchedIdErrorCodeAndLoopsAreErrors() {
        byte[] r = reply(77, 0);
        assertThatThrownBy(() -> DnsCodec.answers(r, r.length, 78)).hasMessageContaining("does not match");
        byte[] nx = reply(77, 3);
        assertThatThrownBy(() -> DnsCodec.answers(nx, nx.length, 77)).hasMessageContaining("rcode 3");
        byte[] loop = reply(77, 0);
        loop[loop.length - 1] = (byte) (loop.length - 2); // pointer at itself
        assertThatThrownBy(() -> DnsCodec.answers(loop, loop.length, 77)).isInstanceOf(DnsCodec.DnsException.class);
    }

    @Test
    void judgeMatchesReceiveAgainstAnyAnswerAndEmptyReceiveIsDown() {
        byte[] r = reply(5, 0);
        assertThat(DnsCheck.judge(r, r.length, 5, "^192\\.0\\.2\\.1$")).isEqualTo(CheckResult.Up.PLAIN);
        assertThat(DnsCheck.judge(r, r.length, 5, "mail")).isEqualTo(CheckResult.Up.PLAIN);
        assertThat(DnsCheck.judge(r, r.length, 5, "10\\.0")).isInstanceOf(CheckResult.Down.class);
        assertThat(DnsCheck.judge(r, r.length, 5, "")).isInstanceOf(CheckResult.Down.class);
    }

    /** Hostile input: truncations and random bytes only ever raise the codec's own exception. */
    @ParameterizedTest
    @ValueSource(longs = {1, 7, 99})
    void garbageNeverEscapesAsAnotherException(long seed) {
        Random rnd = new Random(seed);
        byte[] good = reply(9, 0);
        for (int i = 0; i < 5000; i++) {
            byte[] b = java.util.Arrays.copyOf(good, rnd.nextInt(good.length + 1));
            for (int k = 0; k < 3 && b.length > 0; k++) {
                b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
            }
            try {
                DnsCodec.answers(b, b.length, 9);
            } catch (DnsCodec.DnsException expected) {
                // fine
            }
        }
    }
}
