package lvsd.check.proto;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Just enough of the MySQL/MariaDB client protocol: the v10 handshake, HandshakeResponse41 with
 * mysql_native_password (and its auth switch), and a text query whose rows are counted.
 */
public final class MysqlCodec {
    static final int CLIENT_LONG_PASSWORD = 1;
    static final int CLIENT_CONNECT_WITH_DB = 8;
    static final int CLIENT_PROTOCOL_41 = 0x200;
    static final int CLIENT_SECURE_CONNECTION = 0x8000;
    static final int CLIENT_PLUGIN_AUTH = 0x80000;
    static final int MAX_PACKET = 1 << 20;

    private MysqlCodec() {
    }

    /** Thrown for protocol violations and server errors; the message is for the check's reason. */
    public static final class MysqlException extends IOException {
        public MysqlException(String m) {
            super(m);
        }
    }

    /** The fields of the server's initial handshake that the client needs. */
    public record Handshake(String serverVersion, byte[] salt, String plugin) {}

    public static Handshake parseHandshake(byte[] p) throws MysqlException {
        if (p.length > 0 && (p[0] & 0xff) == 0xff) {
            throw new MysqlException("server refused: " + errorText(p));
        }
        if (p.length < 1 || p[0] != 10) {
            throw new MysqlException("not a v10 handshake (first byte " + (p.length == 0 ? "none" : p[0]) + ")");
        }
        int i = 1;
        int nul = indexOf(p, i);
        String version = new String(p, i, nul - i, StandardCharsets.ISO_8859_1);
        i = nul + 1 + 4; // thread id
        need(p, i + 8 + 1 + 2 + 1 + 2 + 2 + 1 + 10);
        byte[] salt1 = Arrays.copyOfRange(p, i, i + 8);
        i += 9; // salt part 1 and a filler
        int capLow = (p[i] & 0xff) | (p[i + 1] & 0xff) << 8;
        i += 2 + 1 + 2; // capabilities low, charset, status
        int capHigh = (p[i] & 0xff) | (p[i + 1] & 0xff) << 8;
        i += 2;
        int authLen = p[i] & 0xff;
        i += 1 + 10;
        int caps = capLow | capHigh << 16;
        byte[] salt = salt1;
        if ((caps & CLIENT_SECURE_CONNECTION) != 0) {
            int n2 = Math.max(13, authLen - 8);
            need(p, i + n2);
            byte[] salt2 = Arrays.copyOfRange(p, i, i + n2 - 1); // the last byte is a NUL
            i += n2;
            salt = concat(salt1, salt2);
        }
        String plugin = "mysql_native_password";
        if ((caps & CLIENT_PLUGIN_AUTH) != 0 && i < p.length) {
            plugin = new String(p, i, indexOf(p, i) - i, StandardCharsets.ISO_8859_1);
        }
        return new Handshake(version, salt, plugin);
    }

    /** mysql_native_password: SHA1(pw) XOR SHA1(salt + SHA1(SHA1(pw))); empty for an empty password. */
    public static byte[] scramble(String password, byte[] salt) {
        if (password.isEmpty()) {
            return new byte[0];
        }
        MessageDigest sha = sha1();
        byte[] h1 = sha.digest(password.getBytes(StandardCharsets.UTF_8));
        byte[] h2 = sha.digest(h1);
        sha.update(salt, 0, Math.min(20, salt.length));
        sha.update(h2);
        byte[] h3 = sha.digest();
        for (int k = 0; k < h3.length; k++) {
            h3[k] ^= h1[k];
        }
        return h3;
    }

    public static byte[] handshakeResponse(String user, byte[] auth, String database) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int caps = CLIENT_LONG_PASSWORD | CLIENT_PROTOCOL_41 | CLIENT_SECURE_CONNECTION | CLIENT_PLUGIN_AUTH
                | (database.isEmpty() ? 0 : CLIENT_CONNECT_WITH_DB);
        le32(b, caps);
        le32(b, MAX_PACKET);
        b.write(33); // utf8_general_ci
        b.writeBytes(new byte[23]);
        b.writeBytes(user.getBytes(StandardCharsets.UTF_8));
        b.write(0);
        b.write(auth.length);
        b.writeBytes(auth);
        if (!database.isEmpty()) {
            b.writeBytes(database.getBytes(StandardCharsets.UTF_8));
            b.write(0);
        }
        b.writeBytes("mysql_native_password".getBytes(StandardCharsets.US_ASCII));
        b.write(0);
        return b.toByteArray();
    }

    public static byte[] query(String sql) {
        byte[] q = sql.getBytes(StandardCharsets.UTF_8);
        byte[] p = new byte[q.length + 1];
        p[0] = 3; // COM_QUERY
        System.arraycopy(q, 0, p, 1, q.length);
        return p;
    }

    /** The error message of an ERR packet (0xff, code, '#', state, text). */
    public static String errorText(byte[] p) {
        if (p.length < 3) {
            return "error packet";
        }
        int code = (p[1] & 0xff) | (p[2] & 0xff) << 8;
        int start = p.length > 3 && p[3] == '#' ? 9 : 3;
        return code + " " + new String(p, Math.min(start, p.length), Math.max(0, p.length - start), StandardCharsets.UTF_8);
    }

    /** A packet's payload; {@code seq[0]} is updated to the next sequence id. */
    public static byte[] read(InputStream in, int[] seq) throws IOException {
        DataInputStream d = new DataInputStream(in);
        byte[] h = new byte[4];
        d.readFully(h);
        int len = (h[0] & 0xff) | (h[1] & 0xff) << 8 | (h[2] & 0xff) << 16;
        if (len > MAX_PACKET) {
            throw new MysqlException("packet of " + len + " bytes exceeds the check's limit");
        }
        seq[0] = (h[3] & 0xff) + 1;
        byte[] p = new byte[len];
        d.readFully(p);
        return p;
    }

    public static void write(OutputStream out, int seq, byte[] payload) throws IOException {
        byte[] h = {(byte) payload.length, (byte) (payload.length >> 8), (byte) (payload.length >> 16), (byte) seq};
        out.write(h);
        out.write(payload);
        out.flush();
    }

    private static void le32(ByteArrayOutputStream b, int v) {
        b.write(v);
        b.write(v >> 8);
        b.write(v >> 16);
        b.write(v >> 24);
    }

    private static int indexOf(byte[] p, int from) throws MysqlException {
        for (int k = from; k < p.length; k++) {
            if (p[k] == 0) {
                return k;
            }
        }
        throw new MysqlException("unterminated string in handshake");
    }

    private static void need(byte[] p, int n) throws MysqlException {
        if (p.length < n) {
            throw new MysqlException("handshake truncated at " + p.length + " bytes");
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void requireNotEof(byte[] p) throws EOFException {
        if (p.length == 0) {
            throw new EOFException("empty packet");
        }
    }
}
