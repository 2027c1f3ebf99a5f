package lvsd.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Grammar-shaped random configs (real directive names, plausible and implausible values, every block kind):
 * the parser must never throw, only report. 1500 seeded cases per run.
 */
class GrammarFuzzTest {
    private static final String[] G = {
        "checktimeout", "negotiatetimeout", "checkinterval", "checkcount", "failurecount", "fallback",
        "fallback6", "fallbackcommand", "autoreload", "callback", "logfile", "execute", "fork", "supervised",
        "quiescent", "readdquiescent", "emailalert", "emailalertfreq", "emailalertstatus", "emailalertfrom",
        "cleanstop", "smtp", "maintenancedir", "drain", "rise",
    };
    private static final String[] V = {
        "real", "real6", "request", "receive", "checktype", "checkcommand", "checktimeout", "negotiatetimeout",
        "checkcount", "failurecount", "checkinterval", "checkport", "login", "passwd", "database", "secret",
        "load", "scheduler", "persistent", "schedflags", "netmask", "protocol", "ops", "service", "httpmethod",
        "virtualhost", "fallback", "fallback6", "fallbackcommand", "quiescent", "emailalert", "emailalertfreq",
        "emailalertstatus", "monitorfile", "cleanstop", "smtp", "servicename", "comment", "drain", "rise",
    };
    private static final String[] VAL = {
        "1", "0", "5", "65535", "65536", "yes", "no", "\"x\"", "\"\"", "127.0.0.1", "127.0.0.1:80", "[::1]",
        "[::1]:80", "localhost", "localhost:http", "192.0.2.1 gate", "192.0.2.1:80 masq 3",
        "192.0.2.1->192.0.2.3 ipip 2 \"/a\", \"b\" l:1 u:2", "[2001:db8::1] gate", "[2001:db8::1]:8080 masq",
        "sql01 gate", "tcp", "udp", "fwm", "rr", "http", "dns", "none", "connect", "4", "on", "255.255.255.0",
        "64", "starting,running", "none", "all", "GET", "head", "/bin/true", "x y", "domain",
        "mysql", "pgsql", "sh-port", "flag-1,flag-3", "bogus", "\"/bin/x 'a b'\"", "'unterminated",
    };
    private static final String[] VRRP = {
        "state=BACKUP", "state=MASTER", "state=BOGUS", "priority=150", "priority=0", "advert_int=0.1",
        "advert_int=2", "advert_int=x", "version=3", "nopreempt", "track_virtual=tcp:192.0.2.1:80",
        "track_virtual=192.0.2.1:80 weight -20", "track_virtual=nothing", "track_interface=eth0",
        "track_script=none", "notify=\"/bin/x", "authentication=PASS secret", "unicast_peer=10.9.9.9",
        "lvs_sync_daemon=eth0 id 3", "virtual_ipaddress=10.1.0.1/24 dev eth1", "bogus=1",
    };
    private static final String[] HEAD = {
        "virtual=192.0.2.1:80", "virtual=192.0.2.1:53", "virtual=1", "virtual=2", "virtual6=1",
        "virtual6=[2001:db8::1]:80", "virtual=localhost:http", "virtual6=localhost:0", "virtual=192.0.2.2:0",
        "vrrp_instance=X", "vrrp_instance=X",
    };

    @Test
    void parserNeverThrowsOnGrammarShapedInput() {
        int valid = 0;
        for (int seed = 0; seed < 1500; seed++) {
            Random r = new Random(seed);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < r.nextInt(6); i++) {
                sb.append(G[r.nextInt(G.length)]).append('=').append(VAL[r.nextInt(VAL.length)]).append('\n');
            }
            for (int b = 0; b < 1 + r.nextInt(4); b++) {
                String head = HEAD[r.nextInt(HEAD.length)];
                sb.append(head).append(head.startsWith("vrrp_") ? b : "").append('\n');
                if (head.startsWith("vrrp_")) {
                    // the required lines (not always), then VRRP directives with good and bad values
                    if (r.nextInt(4) > 0) {
                        sb.append("\tinterface=eth").append(r.nextInt(2)).append("\n\tvirtual_router_id=")
                                .append(1 + r.nextInt(3)).append("\n\tvirtual_ipaddress=10.0.0.").append(b + 1)
                                .append('\n');
                    }
                    for (int i = 0; i < r.nextInt(4); i++) {
                        sb.append('\t').append(VRRP[r.nextInt(VRRP.length)]).append('\n');
                    }
                    continue;
                }
                for (int i = 0; i < r.nextInt(8); i++) {
                    sb.append('\t').append(V[r.nextInt(V.length)]).append('=').append(VAL[r.nextInt(VAL.length)])
                            .append('\n');
                }
            }
            for (int i = 0; i < r.nextInt(3); i++) {
                sb.append(G[r.nextInt(G.length)]).append('=').append(VAL[r.nextInt(VAL.length)]).append('\n');
            }
            String text = sb.toString();
            ParseResult res;
            try {
                res = new ConfigParser(StaticResolver.corpus()).parseText("f.cf", text);
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + " threw on:\n" + text, e);
            }
            if (res.ok()) {
                valid++;
                assertThat(ConfigJson.dump(res.config())).startsWith("{");
                // nothing downstream may fail for a reason the parser could have seen
                for (VirtualService v : res.config().virtuals()) {
                    try {
                        lvsd.director.ConfigMapping.service(v);
                        for (RealServer real : v.reals()) {
                            lvsd.check.CheckSpecs.from(v, real);
                        }
                    } catch (RuntimeException e) {
                        throw new AssertionError("seed " + seed + ": the parser accepted what fails later:\n"
                                + text, e);
                    }
                }
            }
        }
        assertThat(valid).as("some generated configs are valid, so the model builder is exercised").isGreaterThan(10);
    }
}
