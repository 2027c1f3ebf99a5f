package lvsd.check.proto;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Just enough of the PostgreSQL v3 protocol: startup, cleartext/MD5/SCRAM-SHA-256 authentication, a
 * simple query, and message framing. Messages are (type byte, int32 length, body).
 */
public final class PgsqlCodec {
    static final int MAX_MESSAGE = 1 << 20;

    private PgsqlCodec() {
    }

    public record Message(char type, byte[] body) {}

    public static byte[] startup(String user, String database) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[4]); // length, filled below
        be32(b, 196608); // protocol 3.0
        cstr(b, "user");
        cstr(b, user);
        if (!database.isEmpty()) {
            cstr(b, "database");
            cstr(b, database);
        }
        b.write(0);
        byte[] p = b.toByteArray();
        setLen(p, 0, p.length);
        return p;
    }

    /** A typed frontend message: type byte, then length covering itself and the body. */
    public static byte[] message(char type, byte[] body) {
        byte[] p = new byte[body.length + 5];
        p[0] = (byte) type;
        setLen(p, 1, body.length + 4);
        System.arraycopy(body, 0, p, 5, body.length);
        return p;
    }

    public static byte[] password(String pw) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        cstr(b, pw);
        return message('p', b.toByteArray());
    }

    /** "md5" + hex(md5(hex(md5(password + user)) + salt)). */
    public static String md5Password(String user, String pw, byte[] salt) {
        String inner = hex(md5(concat(pw.getBytes(StandardCharsets.UTF_8), user.getBytes(StandardCharsets.UTF_8))));
        return "md5" + hex(md5(concat(inner.getBytes(StandardCharsets.US_ASCII), salt)));
    }

    public static byte[] query(String sql) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        cstr(b, sql);
        return message('Q', b.toByteArray());
    }

    public static Message read(InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(in);
        char type = (char) d.readUnsignedByte();
        int len = d.readInt();
        if (len < 4 || len > MAX_MESSAGE) {
            throw new IOException("PostgreSQL message length " + len + " out of range");
        }
        byte[] body = new byte[len - 4];
        d.readFully(body);
        return new Message(type, body);
    }

    /** The 'M' (message) field of an ErrorResponse. */
    public static String errorText(byte[] body) {
        int i = 0;
        while (i < body.length && body[i] != 0) {
            int end = i + 1;
            while (end < body.length && body[end] != 0) {
                end++;
            }
            if (body[i] == 'M') {
                return new String(body, i + 1, end - i - 1, StandardCharsets.UTF_8);
            }
            i = end + 1;
        }
        return "error";
    }

    public static int int32(byte[] b, int off) {
        return (b[off] & 0xff) << 24 | (b[off + 1] & 0xff) << 16 | (b[off + 2] & 0xff) << 8 | (b[off + 3] & 0xff);
    }

    /** The client side of SCRAM-SHA-256 (RFC 5802/7677), without channel binding. */
    public static final class Scram {
        private final String user;
        private final String password;
        private final String clientNonce;
        private String authMessage;
        private byte[] saltedPassword;

        /** PostgreSQL ignores the SCRAM user name (it has it from startup), so it passes "". */
        public Scram(String user, String password, String clientNonce) {
            this.user = user;
            this.password = password;
            this.clientNonce = clientNonce;
        }

        public String clientFirst() {
            return "n,," + clientFirstBare();
        }

        private String clientFirstBare() {
            return "n=" + user + ",r=" + clientNonce;
        }

        /** The client-final message for the server-first message. */
        public String clientFinal(String serverFirst) throws IOException {
            Map<String, String> f = fields(serverFirst);
            String nonce = f.get("r");
            if (nonce == null || !nonce.startsWith(clientNonce) || f.get("s") == null || f.get("i") == null) {
                throw new IOException("malformed SCRAM server-first message");
            }
            int iterations = Integer.parseInt(f.get("i"));
            if (iterations < 1 || iterations > 1_000_000) {
                throw new IOException("SCRAM iteration count " + iterations + " out of range");
            }
            byte[] salt = Base64.getDecoder().decode(f.get("s"));
            try {
                saltedPassword = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                        .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
                String withoutProof = "c=biws,r=" + nonce;
                authMessage = clientFirstBare() + "," + serverFirst + "," + withoutProof;
                byte[] clientKey = hmac(saltedPassword, "Client Key");
                byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
                byte[] signature = hmac(storedKey, authMessage);
                for (int k = 0; k < clientKey.length; k++) {
                    clientKey[k] ^= signature[k];
                }
                return withoutProof + ",p=" + Base64.getEncoder().encodeToString(clientKey);
            } catch (GeneralSecurityException e) {
                throw new IOException("SCRAM: " + e.getMessage(), e);
            }
        }

        /** True when the server proved it knows the password too. */
        public boolean verifyServerFinal(String serverFinal) throws IOException {
            String v = fields(serverFinal).get("v");
            if (v == null) {
                return false;
            }
            try {
                byte[] serverKey = hmac(saltedPassword, "Server Key");
                return MessageDigest.isEqual(hmac(serverKey, authMessage), Base64.getDecoder().decode(v));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                return false;
            }
        }

        private static Map<String, String> fields(String msg) {
            Map<String, String> m = new HashMap<>();
            for (String part : msg.split(",")) {
                if (part.length() >= 2 && part.charAt(1) == '=') {
                    m.put(part.substring(0, 1), part.substring(2));
                }
            }
            return m;
        }

        private static byte[] hmac(byte[] key, String data) throws GeneralSecurityException {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        }
    }

    static byte[] md5(byte[] in) {
        return RadiusCodec.md5().digest(in);
    }

    static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(String.format("%02x", x));
        }
        return sb.toString();
    }

    static byte[] concat(byte[] a, byte[] b) {
        return MysqlCodec.concat(a, b);
    }

    static void cstr(ByteArrayOutputStream b, String s) {
        b.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        b.write(0);
    }

    private static void be32(ByteArrayOutputStream b, int v) {
        b.write(v >> 24);
        b.write(v >> 16);
        b.write(v >> 8);
        b.write(v);
    }

    private static void setLen(byte[] p, int off, int len) {
        p[off] = (byte) (len >> 24);
        p[off + 1] = (byte) (len >> 16);
        p[off + 2] = (byte) (len >> 8);
        p[off + 3] = (byte) len;
    }
}
