package lvsd.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import lvsd.check.CheckSpec.Service;
import lvsd.check.CheckSpec.SqlKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every negotiate service that has a Debian-packaged server, against that server on loopback: exim
 * (smtp), dovecot (imap, imaps, pop, pops), vsftpd (ftp), slapd (ldap, ldaps), MariaDB (mysql),
 * PostgreSQL (pgsql, SCRAM), FreeRADIUS (radius). All start once for the class, in parallel.
 */
@Tag("netns")
class RealProtocolsTest {
    static final String ADDR = "127.0.0.1";
    static final Duration T = Duration.ofSeconds(15);
    static final List<Daemon> daemons = new ArrayList<>();
    static int smtp;
    static int imap;
    static int imaps;
    static int pop;
    static int pops;
    static int ftp;
    static int ldap;
    static int ldaps;
    static int mysql;
    static int pgsql;
    static int radius;
    static EngineHarness h;

    @BeforeAll
    static void start() throws Exception {
        Path base = Daemon.SCRATCH;
        smtp = Daemon.freePort();
        imap = Daemon.freePort();
        imaps = Daemon.freePort();
        pop = Daemon.freePort();
        pops = Daemon.freePort();
        ftp = Daemon.freePort();
        ldap = Daemon.freePort();
        ldaps = Daemon.freePort();
        mysql = Daemon.freePort();
        pgsql = Daemon.freePort();
        try (DatagramSocket u = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            radius = u.getLocalPort();
        }
        Daemon exim = Daemon.start("exim", base.resolve("exim"), ADDR, "" + smtp);
        Daemon dovecot = Daemon.start("dovecot", base.resolve("dovecot"), ADDR, "" + imap, "" + imaps, "" + pop, "" + pops);
        Daemon vsftpd = Daemon.start("vsftpd", base.resolve("vsftpd"), ADDR, "" + ftp);
        Daemon slapd = Daemon.start("slapd", base.resolve("slapd"), ADDR, "" + ldap, "" + ldaps);
        Daemon mariadb = Daemon.start("mariadb", base.resolve("mariadb"), ADDR, "" + mysql);
        Daemon postgres = Daemon.start("postgresql", base.resolve("postgresql"), ADDR, "" + pgsql);
        Daemon freeradius = Daemon.start("freeradius", base.resolve("freeradius"), ADDR, "" + radius);
        daemons.addAll(List.of(exim, dovecot, vsftpd, slapd, mariadb, postgres, freeradius));
        exim.awaitTcp(ADDR, smtp);
        dovecot.awaitTcp(ADDR, pops);
        vsftpd.awaitTcp(ADDR, ftp);
        slapd.awaitTcp(ADDR, ldaps);
        mariadb.awaitTcp(ADDR, mysql);
        postgres.awaitTcp(ADDR, pgsql);
        freeradius.await(Duration.ofSeconds(30), () -> {
            try {
                return java.nio.file.Files.readString(base.resolve("freeradius/freeradius.out")).contains("Ready to process");
            } catch (java.io.IOException e) {
                return false;
            }
        });
        h = new EngineHarness();
    }

    @AfterAll
    static void stop() throws Exception {
        if (h != null) {
            h.close();
        }
        for (Daemon d : daemons) {
            d.close();
        }
    }

    static Target at(int port) throws Exception {
        return new Target(InetAddress.getByName(ADDR), port);
    }

    static CheckResult dialog(Service s, int port, boolean tls, String request, String receive, String login,
            String passwd) throws Exception {
        return h.once(new CheckSpec.Dialog(s, at(port), tls, false, request, receive, login, passwd, T)).result();
    }

    @Test
    void smtpGreetingFromExim() throws Exception {
        assertThat(dialog(Service.SMTP, smtp, false, "", "", "", "")).isEqualTo(CheckResult.Up.PLAIN);
    }

    @Test
    void imapAndImapsWithAndWithoutLogin() throws Exception {
        assertThat(dialog(Service.IMAP, imap, false, "", "", "", "")).isEqualTo(CheckResult.Up.PLAIN);
        assertThat(dialog(Service.IMAP, imap, false, "", "", "lvsd", "secret")).isEqualTo(CheckResult.Up.PLAIN);
        assertThat(dialog(Service.IMAP, imaps, true, "", "", "lvsd", "secret")).isEqualTo(CheckResult.Up.PLAIN);
        assertThat(dialog(Service.IMAP, imaps, true, "", "", "lvsd", "wrong")).isInstanceOf(CheckResult.Down.class);
    }

    @Test
    void popAndPopsWithAndWithoutLogin() throws Exception {
        assertThat(dialog(Service.POP, pop, false, "", "", "", "")).isEqualTo(CheckResult.Up.PLAIN);
        assertThat(dialog(Service.POP, pop, false, "", "", "lvsd", "secret")).isEqualTo(CheckResult.Up.PLAIN);
        assertThat(dialog(Service.POP, pops, true, "", "", "lvsd", "secret")).isEqualTo(CheckResult.Up.PLAIN);
        assertThat(dialog(Service.POP, pops, true, "", "", "lvsd", "wrong")).isInstanceOf(CheckResult.Down.class);
    }

    @Test
    void ftpFetchesTheRequestFileAndMatchesIt() throws Exception {
        assertThat(dialog(Service.FTP, ftp, false, "/health.txt", "ftp-ok", "anonymous", "lvsd@localhost"))
                .isEqualTo(CheckResult.Up.PLAIN);
        assertThat(dialog(Service.FTP, ftp, false, "/health.txt", "^nope", "anonymous", "lvsd@localhost"))
                .isInstanceOf(CheckResult.Down.class);
        assertThat(dialog(Service.FTP, ftp, false, "/missing.txt", "", "anonymous", "lvsd@localhost"))
                .isInstanceOf(CheckResult.Down.class);
    }

    @Test
    void ldapAnonymousAndBoundAndOverTls() throws Exception {
        String dn = "cn=health,dc=lvsd,dc=test";
        assertThat(h.once(new CheckSpec.Ldap(at(ldap), false, "", "", dn, "cn=health", T)).result())
                .isEqualTo(CheckResult.Up.PLAIN);
        assertThat(h.once(new CheckSpec.Ldap(at(ldaps), true, "cn=admin,dc=lvsd,dc=test", "secret", dn, "health", T)).result())
                .isEqualTo(CheckResult.Up.PLAIN);
        assertThat(h.once(new CheckSpec.Ldap(at(ldap), false, "cn=admin,dc=lvsd,dc=test", "wrong", dn, "", T)).result())
                .isInstanceOf(CheckResult.Down.class);
        assertThat(h.once(new CheckSpec.Ldap(at(ldap), false, "", "", "cn=absent,dc=lvsd,dc=test", "", T)).result())
                .isInstanceOf(CheckResult.Down.class);
    }

    @Test
    void mysqlNeedsLoginAndAtLeastOneRow() throws Exception {
        assertThat(h.once(new CheckSpec.Sql(SqlKind.MYSQL, at(mysql), "lvsd", "secret", "health", "SELECT 1", T)).result())
                .isEqualTo(CheckResult.Up.PLAIN);
        assertThat(h.once(new CheckSpec.Sql(SqlKind.MYSQL, at(mysql), "lvsd", "secret", "health", "SELECT 1 FROM DUAL WHERE 1 = 0", T)).result())
                .isEqualTo(new CheckResult.Down("MySQL query returned no rows"));
        CheckResult bad = h.once(new CheckSpec.Sql(SqlKind.MYSQL, at(mysql), "lvsd", "wrong", "health", "SELECT 1", T)).result();
        assertThat(bad).isInstanceOf(CheckResult.Down.class);
        assertThat(bad.describe()).contains("1045");
        assertThat(h.once(new CheckSpec.Sql(SqlKind.MYSQL, at(mysql), "lvsd", "secret", "health", "SELEKT", T)).result())
                .isInstanceOf(CheckResult.Down.class);
    }

    @Test
    void pgsqlWithScramNeedsLoginAndAtLeastOneRow() throws Exception {
        assertThat(h.once(new CheckSpec.Sql(SqlKind.PGSQL, at(pgsql), "lvsd", "secret", "health", "SELECT 1", T)).result())
                .isEqualTo(CheckResult.Up.PLAIN);
        assertThat(h.once(new CheckSpec.Sql(SqlKind.PGSQL, at(pgsql), "lvsd", "secret", "health", "SELECT 1 WHERE false", T)).result())
                .isEqualTo(new CheckResult.Down("PostgreSQL query returned no rows"));
        assertThat(h.once(new CheckSpec.Sql(SqlKind.PGSQL, at(pgsql), "lvsd", "wrong", "health", "SELECT 1", T)).result())
                .isInstanceOf(CheckResult.Down.class);
        assertThat(h.once(new CheckSpec.Sql(SqlKind.PGSQL, at(pgsql), "lvsd", "secret", "nosuchdb", "SELECT 1", T)).result())
                .isInstanceOf(CheckResult.Down.class);
    }

    @Test
    void radiusAcceptRejectAndWrongSecret() throws Exception {
        assertThat(h.once(new CheckSpec.Radius(at(radius), "lvsd", "secret", "s3cret", T)).result())
                .isEqualTo(CheckResult.Up.PLAIN);
        assertThat(h.once(new CheckSpec.Radius(at(radius), "lvsd", "wrong", "s3cret", T)).result())
                .isInstanceOf(CheckResult.Down.class);
        // a wrong shared secret: the server's replies fail authentication and are ignored until the deadline
        CheckResult r = h.once(new CheckSpec.Radius(at(radius), "lvsd", "secret", "not-the-secret",
                Duration.ofSeconds(2))).result();
        assertThat(r).isNotInstanceOf(CheckResult.Up.class);
    }
}
