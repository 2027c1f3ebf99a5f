package lvsd.check.proto;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import lvsd.check.CheckResult;
import lvsd.check.CheckSpec;

/** service=pgsql: log in, run the request, up when it returns at least one row. */
public final class PgsqlCheck {
    private static final SecureRandom RANDOM = new SecureRandom();

    private PgsqlCheck() {
    }

    public static CheckResult run(CheckSpec.Sql q, Session s) throws IOException {
        Socket sock = s.connect(q.target(), false, false);
        InputStream in = new BufferedInputStream(sock.getInputStream());
        OutputStream out = sock.getOutputStream();
        out.write(PgsqlCodec.startup(q.login(), q.database()));
        out.flush();
        PgsqlCodec.Scram scram = null;
        while (true) { // authentication, then parameters until ReadyForQuery
            s.arm(sock);
            PgsqlCodec.Message m = PgsqlCodec.read(in);
            if (m.type() == 'E') {
                return new CheckResult.Down("PostgreSQL: " + PgsqlCodec.errorText(m.body()));
            }
            if (m.type() == 'Z') {
                break;
            }
            if (m.type() != 'R') {
                continue; // ParameterStatus, BackendKeyData, notices
            }
            int code = PgsqlCodec.int32(m.body(), 0);
            byte[] rest = Arrays.copyOfRange(m.body(), 4, m.body().length);
            switch (code) {
                case 0 -> { } // AuthenticationOk
                case 3 -> out.write(PgsqlCodec.password(q.passwd()));
                case 5 -> out.write(PgsqlCodec.password(PgsqlCodec.md5Password(q.login(), q.passwd(), rest)));
                case 10 -> {
                    if (!new String(rest, StandardCharsets.US_ASCII).contains("SCRAM-SHA-256\0")) {
                        return new CheckResult.Down("PostgreSQL offers no SCRAM-SHA-256");
                    }
                    byte[] nonce = new byte[18];
                    RANDOM.nextBytes(nonce);
                    scram = new PgsqlCodec.Scram("", q.passwd(), Base64.getEncoder().encodeToString(nonce));
                    byte[] first = scram.clientFirst().getBytes(StandardCharsets.UTF_8);
                    ByteArrayOutputStream b = new ByteArrayOutputStream();
                    PgsqlCodec.cstr(b, "SCRAM-SHA-256");
                    b.write(first.length >> 24);
                    b.write(first.length >> 16);
                    b.write(first.length >> 8);
                    b.write(first.length);
                    b.writeBytes(first);
                    out.write(PgsqlCodec.message('p', b.toByteArray()));
                }
                case 11 -> {
                    if (scram == null) {
                        return new CheckResult.Down("PostgreSQL: SASL continue without SASL start");
                    }
                    String fin = scram.clientFinal(new String(rest, StandardCharsets.UTF_8));
                    out.write(PgsqlCodec.message('p', fin.getBytes(StandardCharsets.UTF_8)));
                }
                case 12 -> {
                    if (scram == null || !scram.verifyServerFinal(new String(rest, StandardCharsets.UTF_8))) {
                        return new CheckResult.Down("PostgreSQL: server SCRAM signature is wrong");
                    }
                }
                default -> {
                    return new CheckResult.Down("PostgreSQL wants authentication method " + code + " (not supported)");
                }
            }
            out.flush();
        }
        out.write(PgsqlCodec.query(q.query()));
        out.flush();
        int rows = 0;
        String error = null;
        while (true) {
            s.arm(sock);
            PgsqlCodec.Message m = PgsqlCodec.read(in);
            if (m.type() == 'D') {
                rows++;
            } else if (m.type() == 'E') {
                error = PgsqlCodec.errorText(m.body());
            } else if (m.type() == 'Z') {
                break;
            }
        }
        out.write(PgsqlCodec.message('X', new byte[0]));
        out.flush();
        if (error != null) {
            return new CheckResult.Down("PostgreSQL query failed: " + error);
        }
        return rows > 0 ? CheckResult.Up.PLAIN : new CheckResult.Down("PostgreSQL query returned no rows");
    }
}
