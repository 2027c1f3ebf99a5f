package lvsd.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** http, https and dns checks against real nginx and dnsmasq (Debian packages) on loopback. */
@Tag("netns")
class RealHttpDnsTest {
    static final String ADDR = "127.0.0.1";
    static final Duration T = Duration.ofSeconds(15);
    static Daemon nginx;
    static Daemon dnsmasq;
    static int http;
    static int https;
    static int dns;
    static EngineHarness h;

    @BeforeAll
    static void start() throws Exception {
        Path base = Daemon.SCRATCH;
        http = Daemon.freePort();
        https = Daemon.freePort();
        dns = Daemon.freePort();
        nginx = Daemon.start("nginx", base.resolve("nginx"), ADDR, "" + http, "" + https).awaitTcp(ADDR, https);
        dnsmasq = Daemon.start("dnsmasq", base.resolve("dnsmasq"), ADDR, "" + dns).awaitTcp(ADDR, dns);
        h = new EngineHarness();
    }

    @AfterAll
    static void stop() throws Exception {
        if (h != null) {
            h.close();
        }
        if (nginx != null) {
            nginx.close();
        }
        if (dnsmasq != null) {
            dnsmasq.close();
        }
    }

    static Target at(int port) throws Exception {
        return new Target(InetAddress.getByName(ADDR), port);
    }

    static CheckResult http(boolean tls, String path, String vhost, String receive) throws Exception {
        return h.once(new CheckSpec.Http(at(tls ? https : http), tls, false, "GET", path, vhost, receive, T)).result();
    }

    @Test
    void httpUpWithMatchingBody() throws Exception {
        assertThat(http(false, "/", "", "nginx-ok")).isEqualTo(CheckResult.Up.PLAIN);
    }

    @Test
    void httpWrongContentAnd500AreDown() throws Exception {
        assertThat(http(false, "/", "", "^something else")).isInstanceOf(CheckResult.Down.class);
        assertThat(http(false, "/500", "", "nginx-ok")).isEqualTo(new CheckResult.Down("HTTP status 500"));
    }

    @Test
    void redirectsAreFollowedAsLwpDoes() throws Exception {
        assertThat(http(false, "/moved", "", "nginx-ok")).isEqualTo(CheckResult.Up.PLAIN);
    }

    @Test
    void virtualHostSelectsTheServerBlock() throws Exception {
        assertThat(http(false, "/", "other.example", "other-vhost")).isEqualTo(CheckResult.Up.PLAIN);
        assertThat(http(false, "/", "other.example", "nginx-ok")).isInstanceOf(CheckResult.Down.class);
    }

    /** service=http_proxy sends the absolute URL of request to the real; nginx picks the vhost from it. */
    @Test
    void httpProxyAbsoluteFormRequest() throws Exception {
        assertThat(http(false, "http://other.example/", "", "other-vhost")).isEqualTo(CheckResult.Up.PLAIN);
    }

    @Test
    void httpsSelfSignedIsUpWithoutVerificationAndDownWithIt() throws Exception {
        assertThat(http(true, "/", "real.example", "nginx-ok")).isEqualTo(CheckResult.Up.PLAIN);
        CheckResult verified = h.once(new CheckSpec.Http(at(https), true, true, "GET", "/", "real.example", "", T)).result();
        assertThat(verified).isInstanceOf(CheckResult.Down.class);
    }

    @Test
    void httpHead() throws Exception {
        assertThat(h.once(new CheckSpec.Http(at(http), false, false, "HEAD", "/", "", "", T)).result())
                .isEqualTo(CheckResult.Up.PLAIN);
    }

    @Test
    void dnsOverUdpAndTcp() throws Exception {
        for (boolean tcp : new boolean[] {false, true}) {
            assertThat(h.once(new CheckSpec.Dns(at(dns), tcp, "www.lvsd.test", "^192\\.0\\.2\\.10$", T)).result())
                    .as("tcp=" + tcp).isEqualTo(CheckResult.Up.PLAIN);
            assertThat(h.once(new CheckSpec.Dns(at(dns), tcp, "www.lvsd.test", "^10\\.", T)).result())
                    .as("tcp=" + tcp).isInstanceOf(CheckResult.Down.class);
        }
    }

    @Test
    void dnsPtrLookup() throws Exception {
        assertThat(h.once(new CheckSpec.Dns(at(dns), false, "192.0.2.10", "www\\.lvsd\\.test", T)).result())
                .isEqualTo(CheckResult.Up.PLAIN);
    }

    @Test
    void dnsNameTheServerDoesNotKnowIsDown() throws Exception {
        assertThat(h.once(new CheckSpec.Dns(at(dns), false, "nope.lvsd.test", ".", T)).result())
                .isInstanceOf(CheckResult.Down.class);
    }
}
