package lvsd.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import lvsd.config.Config;
import lvsd.config.ConfigParser;
import lvsd.config.NameResolver;
import lvsd.config.ParseResult;
import lvsd.config.VirtualService;
import lvsd.inet.Family;
import org.junit.jupiter.api.Test;

/** ldirectord.cf text → check registrations, through the real config parser. */
class CheckSpecsTest {
    /** Numeric addresses only; no lookups leave the test. */
    static final NameResolver NO_DNS = new NameResolver() {
        @Override
        public Optional<InetAddress> host(String name, Family family) {
            return Optional.empty();
        }

        @Override
        public OptionalInt service(String name, String protocol) {
            return OptionalInt.empty();
        }

        @Override
        public String localHostName() {
            return "director1";
        }
    };

    static List<VirtualService> parse(String text) {
        ParseResult r = new ConfigParser(NO_DNS).parseText("test.cf", text);
        assertThat(r.errors()).isEmpty();
        Config c = r.config();
        return c.virtuals();
    }

    static CheckConfig only(String text) {
        VirtualService v = parse(text).get(0);
        return CheckSpecs.from(v, v.reals().get(0)).orElseThrow();
    }

    @Test
    void httpNegotiateUsesNegotiateTimeoutRequestReceiveAndVirtualhost() {
        CheckConfig c = only("""
                checkinterval=3
                negotiatetimeout=7
                failurecount=2
                virtual=192.0.2.1:80
                    real=10.0.0.1:8080 masq
                    service=http
                    request="health"
                    receive="OK"
                    virtualhost=www.example.org
                """);
        assertThat(c.interval()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.fall()).isEqualTo(2);
        assertThat(c.spec()).isInstanceOfSatisfying(CheckSpec.Http.class, h -> {
            assertThat(h.target().toString()).isEqualTo("10.0.0.1:8080");
            assertThat(h.path()).isEqualTo("/health");
            assertThat(h.receive()).isEqualTo("OK");
            assertThat(h.virtualHost()).isEqualTo("www.example.org");
            assertThat(h.tls()).isFalse();
            assertThat(h.timeout()).isEqualTo(Duration.ofSeconds(7));
        });
    }

    @Test
    void connectUsesCheckTimeoutAndBecomesPingOnUdp() {
        CheckConfig tcp = only("""
                checktimeout=2
                virtual=192.0.2.1:25
                    real=10.0.0.1 gate
                    checktype=connect
                """);
        assertThat(tcp.spec()).isEqualTo(new CheckSpec.Connect(new Target(addr("10.0.0.1"), 25), Duration.ofSeconds(2)));
        CheckConfig udp = only("""
                virtual=192.0.2.1:53
                    real=10.0.0.1 gate
                    checktype=connect
                    protocol=udp
                """);
        assertThat(udp.spec()).isInstanceOf(CheckSpec.Ping.class);
    }

    @Test
    void offRegistersNothingAndOnAndNoneAlwaysPass() {
        VirtualService off = parse("""
                virtual=192.0.2.1:80
                    real=10.0.0.1 gate
                    checktype=off
                """).get(0);
        assertThat(CheckSpecs.from(off, off.reals().get(0))).isEmpty();
        assertThat(only("""
                virtual=192.0.2.1:80
                    real=10.0.0.1 gate
                    checktype=on
                """).spec()).isInstanceOfSatisfying(CheckSpec.Fixed.class, f -> assertThat(f.up()).isTrue());
        assertThat(only("""
                virtual=192.0.2.1:7777
                    real=10.0.0.1 gate
                """).spec()).isInstanceOfSatisfying(CheckSpec.Fixed.class, f -> assertThat(f.up()).isTrue());
    }

    @Test
    void externalGetsVipVportRipRport() {
        CheckConfig c = only("""
                virtual=192.0.2.1:80
                    real=10.0.0.1:8080 masq
                    checktype=external
                    checkcommand="/usr/local/bin/check web --fast"
                """);
        assertThat(c.spec()).isInstanceOfSatisfying(CheckSpec.External.class, e -> {
            assertThat(e.command()).containsExactly("/usr/local/bin/check", "web", "--fast");
            assertThat(e.args()).containsExactly("192.0.2.1", "80", "10.0.0.1", "8080");
        });
    }

    @Test
    void combinedWrapsNegotiateAndConnect() {
        CheckConfig c = only("""
                virtual=192.0.2.1:80
                    real=10.0.0.1 gate
                    checktype=3
                """);
        assertThat(c.spec()).isInstanceOfSatisfying(CheckSpec.Combined.class, k -> {
            assertThat(k.connectsBetween()).isEqualTo(3);
            assertThat(k.negotiate()).isInstanceOf(CheckSpec.Http.class);
        });
    }

    @Test
    void theSameRealInTwoVirtualsMapsToOneSpec() {
        List<VirtualService> vs = parse("""
                virtual=192.0.2.1:80
                    real=10.0.0.1:8080 masq
                    service=http
                virtual=192.0.2.2:80
                    real=10.0.0.1:8080 masq
                    service=http
                """);
        assertThat(CheckSpecs.from(vs.get(0), vs.get(0).reals().get(0)))
                .isEqualTo(CheckSpecs.from(vs.get(1), vs.get(1).reals().get(0)));
    }

    @Test
    void sqlLdapDnsRadiusAndFtpMapTheirSettings() {
        assertThat(only("""
                virtual=192.0.2.1:3306
                    real=10.0.0.1 gate
                    login="u"
                    passwd="p"
                    database="db"
                    request="SELECT 1"
                """).spec()).isEqualTo(new CheckSpec.Sql(CheckSpec.SqlKind.MYSQL, new Target(addr("10.0.0.1"), 3306),
                        "u", "p", "db", "SELECT 1", Duration.ofSeconds(30)));
        assertThat(only("""
                virtual=192.0.2.1:53
                    real=10.0.0.1 gate
                    request="www.example.org"
                    receive="192.0.2.10"
                """).spec()).isInstanceOfSatisfying(CheckSpec.Dns.class, d -> {
                    assertThat(d.name()).isEqualTo("www.example.org");
                    assertThat(d.tcp()).isFalse();
                });
        assertThat(only("""
                virtual=192.0.2.1:21
                    real=10.0.0.1 gate
                    request="health.txt"
                """).spec()).isInstanceOfSatisfying(CheckSpec.Dialog.class, d -> {
                    assertThat(d.service()).isEqualTo(CheckSpec.Service.FTP);
                    assertThat(d.login()).isEqualTo("anonymous");
                });
    }

    @Test
    void commandSplitting() {
        assertThat(CheckSpecs.splitCommand("  /bin/x 'a b' \"c\" '' d ")).containsExactly("/bin/x", "a b", "c", "", "d");
        assertThatThrownBy(() -> CheckSpecs.splitCommand("   ")).isInstanceOf(IllegalArgumentException.class);
    }

    static InetAddress addr(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aSqlCheckWithoutLoginIsAWarningAndAFixedFailureNotACrash() {
        String text = """
                virtual=192.0.2.1:3306
                    real=10.0.0.1:3306 gate
                """;
        ParseResult r = new ConfigParser(NO_DNS).parseText("test.cf", text);
        assertThat(r.diagnostics()).extracting(Object::toString).containsExactly("test.cf:1: warning: the mysql"
                + " negotiate check needs login=\"USER\" and request=\"QUERY\"; without login it can never pass"
                + " and the reals stay down (as in ldirectord)");
        VirtualService v = r.config().virtuals().get(0);
        assertThat(CheckSpecs.from(v, v.reals().get(0)).orElseThrow().spec()).isInstanceOfSatisfying(
                CheckSpec.Fixed.class, f -> assertThat(f.up()).isFalse());
        CheckConfig withBoth = only(text + "    login=\"monitor\"\n    request=\"SELECT 1\"\n");
        assertThat(withBoth.spec()).isInstanceOf(CheckSpec.Sql.class);
    }

    @Test
    void theCheckCommandIsTheParsersArgv() {
        CheckConfig c = only("""
                virtual=192.0.2.1:80
                    real=10.0.0.1:80 gate
                    checktype=external
                    checkcommand="/usr/local/bin/check --mode 'deep probe'"
                """);
        assertThat(c.spec()).isInstanceOfSatisfying(CheckSpec.External.class,
                e -> assertThat(e.command()).containsExactly("/usr/local/bin/check", "--mode", "deep probe"));
    }
}
