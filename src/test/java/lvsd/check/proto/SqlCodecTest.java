package lvsd.check.proto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

class SqlCodecTest {

    /** The server's check of mysql_native_password, from its stored SHA1(SHA1(pw)). */
    @Test
    void mysqlScrambleVerifiesAgainstTheStoredHash() throws Exception {
        byte[] salt = "abcdefghijklmnopqrst".getBytes(StandardCharsets.US_ASCII);
        byte[] reply = MysqlCodec.scramble("hunter2", salt);
        MessageDigest sha = MessageDigest.getInstance("SHA-1");
        byte[] stored = sha.digest(sha.digest("hunter2".getBytes(StandardCharsets.UTF_8)));
        sha.update(salt);
        sha.update(stored);
        byte[] mask = sha.digest();
        byte[] candidate = new byte[20];
        for (int i = 0; i < 20; i++) {
            candidate[i] = (byte) (reply[i] ^ mask[i]);
        }
        assertThat(sha.digest(candidate)).isEqualTo(stored);
        assertThat(MysqlCodec.scramble("", salt)).isEmpty();
    }

    /** A MariaDB-shaped v10 handshake, field by field. */
    static byte[] handshake() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(10); // protocol version
        b.writeBytes("10.11.6-MariaDB\0".getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(new byte[] {5, 0, 0, 0}); // thread id
        b.writeBytes("12345678".getBytes(StandardCharsets.US_ASCII)); // salt part 1
        b.write(0); // filler
        b.writeBytes(new byte[] {(byte) 0xfe, (byte) 0xf7}); // capabilities low (has SECURE_CONNECTION)
        b.write(8); // charset
        b.writeBytes(new byte[] {2, 0}); // status
        b.writeBytes(new byte[] {(byte) 0xff, (byte) 0x81}); // capabilities high (has PLUGIN_AUTH)
        b.write(21); // auth data length
        b.writeBytes(new byte[10]); // reserved
        b.writeBytes("abcdefghijkl\0".getBytes(StandardCharsets.US_ASCII)); // salt part 2 + NUL
        b.writeBytes("mysql_native_password\0".getBytes(StandardCharsets.US_ASCII));
        return b.toByteArray();
    }

    @Test
    void mysqlHandshakeYieldsVersionTwentyByteSaltAndPlugin() throws Exception {
        MysqlCodec.Handshake h = MysqlCodec.parseHandshake(handshake());
        assertThat(h.serverVersion()).isEqualTo("10.11.6-MariaDB");
        assertThat(new String(h.salt(), StandardCharsets.US_ASCII)).isEqualTo("12345678abcdefghijkl");
        assertThat(h.plugin()).isEqualTo("mysql_native_password");
    }

    @Test
    void mysqlHandshakeErrorsAreTheCodecsOwn() {
        byte[] h = handshake();
        for (int n = 0; n < h.length - 25; n++) {
            byte[] cut = java.util.Arrays.copyOf(h, n);
            assertThatThrownBy(() -> MysqlCodec.parseHandshake(cut)).isInstanceOf(MysqlCodec.MysqlException.class);
        }
        byte[] err = {(byte) 0xff, 0x15, 0x04, '#', '2', '8', '0', '0', '0', 'n', 'o'};
        assertThatThrownBy(() -> MysqlCodec.parseHandshake(err)).hasMessageContaining("1045").hasMessageContaining("no");
    }

    @Test
    void pgMd5PasswordMatchesTheServersFormula() {
        // md5 of "secretpostgres" is the stored hash; the salted form must be reproducible by hand
        String stored = PgsqlCodec.hex(PgsqlCodec.md5("secretpostgres".getBytes(StandardCharsets.UTF_8)));
        byte[] salt = {1, 2, 3, 4};
        String expect = "md5" + PgsqlCodec.hex(PgsqlCodec.md5(PgsqlCodec.concat(stored.getBytes(StandardCharsets.US_ASCII), salt)));
        assertThat(PgsqlCodec.md5Password("postgres", "secret", salt)).isEqualTo(expect).hasSize(35);
    }

    /** RFC 7677 section 3's worked example. */
    @Test
    void scramSha256MatchesTheRfcExample() throws Exception {
        PgsqlCodec.Scram s = new PgsqlCodec.Scram("user", "pencil", "rOprNGfwEbeRWgbNEkqO");
        assertThat(s.clientFirst()).isEqualTo("n,,n=user,r=rOprNGfwEbeRWgbNEkqO");
        String serverFirst = "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
        assertThat(s.clientFinal(serverFirst)).isEqualTo(
                "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=");
        assertThat(s.verifyServerFinal("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=")).isTrue();
        assertThat(s.verifyServerFinal("v=AAAATRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=")).isFalse();
    }

    @Test
    void scramRejectsANonceTheClientDidNotStart() {
        PgsqlCodec.Scram s = new PgsqlCodec.Scram("", "pw", "abc");
        assertThatThrownBy(() -> s.clientFinal("r=xyz,s=AAAA,i=4096")).hasMessageContaining("malformed");
    }

    @Test
    void pgStartupMessageLayout() {
        byte[] p = PgsqlCodec.startup("u", "db");
        assertThat(PgsqlCodec.int32(p, 0)).isEqualTo(p.length);
        assertThat(PgsqlCodec.int32(p, 4)).isEqualTo(196608);
        assertThat(new String(p, 8, p.length - 8, StandardCharsets.US_ASCII)).isEqualTo("user\0u\0database\0db\0\0");
    }
}
