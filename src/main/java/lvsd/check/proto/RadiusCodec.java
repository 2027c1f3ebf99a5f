package lvsd.check.proto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/** Just enough RADIUS (RFC 2865) for a health check: an Access-Request and the check of its reply. */
public final class RadiusCodec {
    public static final int ACCESS_REQUEST = 1;
    public static final int ACCESS_ACCEPT = 2;
    public static final int ACCESS_REJECT = 3;
    public static final int ACCESS_CHALLENGE = 11;
    static final int ATTR_USER_NAME = 1;
    static final int ATTR_USER_PASSWORD = 2;
    static final int ATTR_NAS_IDENTIFIER = 32;

    private RadiusCodec() {
    }

    static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 missing from this JVM", e);
        }
    }

    /** Access-Request with User-Name, hidden User-Password and NAS-Identifier "lvsd". */
    public static byte[] accessRequest(int id, byte[] authenticator, String user, String password, String secret) {
        byte[] u = user.getBytes(StandardCharsets.UTF_8);
        byte[] pw = hidePassword(password.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8),
                authenticator);
        byte[] nas = "lvsd".getBytes(StandardCharsets.US_ASCII);
        int len = 20 + 2 + u.length + 2 + pw.length + 2 + nas.length;
        if (u.length > 253 || len > 4096) {
            throw new IllegalArgumentException("RADIUS user name or password too long");
        }
        byte[] p = new byte[len];
        p[0] = (byte) ACCESS_REQUEST;
        p[1] = (byte) id;
        p[2] = (byte) (len >> 8);
        p[3] = (byte) len;
        System.arraycopy(authenticator, 0, p, 4, 16);
        int o = 20;
        o = attr(p, o, ATTR_USER_NAME, u);
        o = attr(p, o, ATTR_USER_PASSWORD, pw);
        attr(p, o, ATTR_NAS_IDENTIFIER, nas);
        return p;
    }

    private static int attr(byte[] p, int o, int type, byte[] v) {
        p[o] = (byte) type;
        p[o + 1] = (byte) (v.length + 2);
        System.arraycopy(v, 0, p, o + 2, v.length);
        return o + 2 + v.length;
    }

    /** RFC 2865 5.2: pad to 16, then XOR each block with MD5(secret + previous cipher block). */
    static byte[] hidePassword(byte[] pw, byte[] secret, byte[] authenticator) {
        int n = Math.max(16, (pw.length + 15) / 16 * 16);
        if (n > 128) {
            throw new IllegalArgumentException("RADIUS password longer than 128 bytes");
        }
        byte[] out = Arrays.copyOf(pw, n);
        byte[] prev = authenticator;
        for (int i = 0; i < n; i += 16) {
            MessageDigest md = md5();
            md.update(secret);
            md.update(prev);
            byte[] x = md.digest();
            for (int j = 0; j < 16; j++) {
                out[i + j] ^= x[j];
            }
            prev = Arrays.copyOfRange(out, i, i + 16);
        }
        return out;
    }

    /**
     * The reply's code if it answers request {@code id} and its Response Authenticator
     * (MD5(code, id, length, request authenticator, attributes, secret)) is right; else -1.
     */
    public static int replyCode(byte[] r, int len, int id, byte[] requestAuth, String secret) {
        if (len < 20) {
            return -1;
        }
        int plen = ((r[2] & 0xff) << 8) | (r[3] & 0xff);
        if (plen < 20 || plen > len || (r[1] & 0xff) != id) {
            return -1;
        }
        MessageDigest md = md5();
        md.update(r, 0, 4);
        md.update(requestAuth);
        md.update(r, 20, plen - 20);
        md.update(secret.getBytes(StandardCharsets.UTF_8));
        byte[] expect = md.digest();
        if (!MessageDigest.isEqual(expect, Arrays.copyOfRange(r, 4, 20))) {
            return -1;
        }
        return r[0] & 0xff;
    }
}
