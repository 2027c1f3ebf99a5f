package lvsd.check.proto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RadiusCodecTest {
    private final byte[] auth = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /** The server side of RFC 2865 5.2, written independently of the codec, recovers the password. */
    private static String reveal(byte[] hidden, String secret, byte[] auth) throws Exception {
        byte[] out = new byte[hidden.length];
        byte[] prev = auth;
        for (int i = 0; i < hidden.length; i += 16) {
            MessageDigest md = MessageDigest.getInstance("MD5");
            md.update(secret.getBytes(StandardCharsets.UTF_8));
            md.update(prev);
            byte[] x = md.digest();
            for (int j = 0; j < 16; j++) {
                out[i + j] = (byte) (hidden[i + j] ^ x[j]);
            }
            prev = Arrays.copyOfRange(hidden, i, i + 16);
        }
        int n = out.length;
        while (n > 0 && out[n - 1] == 0) {
            n--;
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    @Test
    void accessRequestLayoutAndHiddenPassword() throws Exception {
        byte[] p = RadiusCodec.accessRequest(42, auth, "alice", "a-rather-long-password-over-16", "s3cret");
        assertThat(p[0]).isEqualTo((byte) 1);
        assertThat(p[1]).isEqualTo((byte) 42);
        assertThat(((p[2] & 0xff) << 8) | (p[3] & 0xff)).isEqualTo(p.length);
        assertThat(Arrays.copyOfRange(p, 4, 20)).isEqualTo(auth);
        assertThat(p[20]).isEqualTo((byte) 1); // User-Name
        assertThat(new String(p, 22, 5, StandardCharsets.UTF_8)).isEqualTo("alice");
        assertThat(p[27]).isEqualTo((byte) 2); // User-Password
        int len = (p[28] & 0xff) - 2;
        assertThat(len).isEqualTo(32);
        assertThat(reveal(Arrays.copyOfRange(p, 29, 29 + len), "s3cret", auth)).isEqualTo("a-rather-long-password-over-16");
    }

    private static byte[] response(int code, int id, byte[] reqAuth, String secret) throws Exception {
        byte[] r = new byte[20];
        r[0] = (byte) code;
        r[1] = (byte) id;
        r[3] = 20;
        MessageDigest md = MessageDigest.getInstance("MD5");
        md.update(r, 0, 4);
        md.update(reqAuth);
        md.update(secret.getBytes(StandardCharsets.UTF_8));
        System.arraycopy(md.digest(), 0, r, 4, 16);
        return r;
    }

    @Test
    void replyCodeChecksIdAndResponseAuthenticator() throws Exception {
        byte[] ok = response(2, 7, auth, "s3cret");
        assertThat(RadiusCodec.replyCode(ok, ok.length, 7, auth, "s3cret")).isEqualTo(RadiusCodec.ACCESS_ACCEPT);
        assertThat(RadiusCodec.replyCode(ok, ok.length, 8, auth, "s3cret")).isEqualTo(-1);
        assertThat(RadiusCodec.replyCode(ok, ok.length, 7, auth, "wrong")).isEqualTo(-1);
        byte[] reject = response(3, 7, auth, "s3cret");
        assertThat(RadiusCodec.replyCode(reject, reject.length, 7, auth, "s3cret")).isEqualTo(RadiusCodec.ACCESS_REJECT);
        assertThat(RadiusCodec.replyCode(ok, 10, 7, auth, "s3cret")).isEqualTo(-1);
    }
}
