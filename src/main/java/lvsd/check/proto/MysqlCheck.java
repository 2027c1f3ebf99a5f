package lvsd.check.proto;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Arrays;
import lvsd.check.CheckResult;
import lvsd.check.CheckSpec;

/** service=mysql: log in, run the request, up when it returns at least one row. */
public final class MysqlCheck {
    private MysqlCheck() {
    }

    public static CheckResult run(CheckSpec.Sql q, Session s) throws IOException {
        Socket sock = s.connect(q.target(), false, false);
        InputStream in = new BufferedInputStream(sock.getInputStream());
        OutputStream out = sock.getOutputStream();
        int[] seq = {0};
        MysqlCodec.Handshake hs = MysqlCodec.parseHandshake(MysqlCodec.read(in, seq));
        MysqlCodec.write(out, seq[0], MysqlCodec.handshakeResponse(q.login(),
                MysqlCodec.scramble(q.passwd(), hs.salt()), q.database()));
        while (true) {
            s.arm(sock);
            byte[] p = MysqlCodec.read(in, seq);
            MysqlCodec.requireNotEof(p);
            int t = p[0] & 0xff;
            if (t == 0x00) {
                break; // OK: logged in
            } else if (t == 0xff) {
                return new CheckResult.Down("MySQL login failed: " + MysqlCodec.errorText(p));
            } else if (t == 0xfe) { // auth switch: only mysql_native_password is spoken
                int nul = 1;
                while (nul < p.length && p[nul] != 0) {
                    nul++;
                }
                String plugin = new String(p, 1, nul - 1, java.nio.charset.StandardCharsets.US_ASCII);
                if (!plugin.equals("mysql_native_password")) {
                    return new CheckResult.Down("MySQL server wants auth plugin " + plugin + " (lvsd speaks mysql_native_password)");
                }
                byte[] salt = Arrays.copyOfRange(p, nul + 1, Math.max(nul + 1, p.length - 1));
                MysqlCodec.write(out, seq[0], MysqlCodec.scramble(q.passwd(), salt));
            } else {
                return new CheckResult.Down("MySQL: unexpected packet 0x" + Integer.toHexString(t) + " during login");
            }
        }
        MysqlCodec.write(out, 0, MysqlCodec.query(q.query()));
        seq[0] = 0;
        s.arm(sock);
        byte[] p = MysqlCodec.read(in, seq);
        MysqlCodec.requireNotEof(p);
        if ((p[0] & 0xff) == 0xff) {
            return new CheckResult.Down("MySQL query failed: " + MysqlCodec.errorText(p));
        }
        if (p[0] == 0) {
            return new CheckResult.Down("MySQL query returned no result set");
        }
        int columns = p[0] & 0xff; // a length-encoded int; more than 250 columns is not a health check
        for (int c = 0; c < columns; c++) {
            s.arm(sock);
            MysqlCodec.read(in, seq); // column definitions
        }
        s.arm(sock);
        byte[] eof = MysqlCodec.read(in, seq); // EOF after the columns (no CLIENT_DEPRECATE_EOF asked)
        if (eof.length == 0 || (eof[0] & 0xff) != 0xfe) {
            return new CheckResult.Down("MySQL: malformed result set");
        }
        int rows = 0;
        while (true) {
            s.arm(sock);
            byte[] r = MysqlCodec.read(in, seq);
            MysqlCodec.requireNotEof(r);
            int t = r[0] & 0xff;
            if (t == 0xfe && r.length < 9) {
                break;
            }
            if (t == 0xff) {
                return new CheckResult.Down("MySQL query failed: " + MysqlCodec.errorText(r));
            }
            rows++;
        }
        MysqlCodec.write(out, 0, new byte[] {1}); // COM_QUIT
        return rows > 0 ? CheckResult.Up.PLAIN : new CheckResult.Down("MySQL query returned no rows");
    }
}
