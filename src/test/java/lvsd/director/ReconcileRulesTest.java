package lvsd.director;

import static lvsd.inet.Forwarding.ROUTE;
import static lvsd.inet.Forwarding.TUNNEL;
import static lvsd.inet.Forwarding.MASQ;
import static lvsd.director.Fixtures.config;
import static lvsd.director.Fixtures.fwm;
import static lvsd.director.Fixtures.kdest;
import static lvsd.director.Fixtures.kservice;
import static lvsd.director.Fixtures.ksvc;
import static lvsd.director.Fixtures.table;
import static lvsd.director.Fixtures.tcp;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import lvsd.config.Config;
import lvsd.inet.Forwarding;
import lvsd.ipvs.IpvsTable;
import lvsd.ipvsadm.IpvsadmSyntax;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One reconcile cycle from a fresh start: configuration + health + maintenance + kernel table in, the exact
 * ipvsadm command lines out. Each row is one behaviour of docs/director.md.
 */
class ReconcileRulesTest {

    static final String VIP = "10.0.0.1:80";
    static final RealHealth UP = RealHealth.Up.of("check passed");
    static final RealHealth DOWN = new RealHealth.Down("connect refused");
    static final RealHealth PENDING = RealHealth.PENDING;

    /** Health per real endpoint; reals not listed are up. */
    static Map<String, RealHealth> health(Object... pairs) {
        Map<String, RealHealth> m = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (RealHealth) pairs[i + 1]);
        }
        return m;
    }

    static Map<String, RealHealth> allPending() {
        return health("10.0.0.2:80", PENDING, "10.0.0.3:80", PENDING);
    }

    static Config twoReals() {
        return config(tcp(VIP).real("10.0.0.2:80", ROUTE, 1).real("10.0.0.3:80", ROUTE, 2));
    }

    static IpvsTable twoRealsKernel() {
        return table(ksvc(kservice(VIP, "wrr"), kdest("10.0.0.2:80", Forwarding.ROUTE, 1),
                kdest("10.0.0.3:80", Forwarding.ROUTE, 2)));
    }

    static Arguments row(String behaviour, Config cfg, Map<String, RealHealth> health, List<String> maint,
            IpvsTable kernel, String... ops) {
        return Arguments.of(behaviour, cfg, health, maint, kernel, List.of(ops));
    }

    static Stream<Arguments> rows() {
        IpvsTable empty = table();
        return Stream.of(
                row("adopt matching table with checks pending: zero ops", twoReals(), allPending(), List.of(),
                        twoRealsKernel()),
                row("adopt matching table with reals up: zero ops", twoReals(), health(), List.of(),
                        twoRealsKernel()),
                row("weight change: exactly one edit",
                        config(tcp(VIP).real("10.0.0.2:80", ROUTE, 5).real("10.0.0.3:80", ROUTE, 2)), health(),
                        List.of(), twoRealsKernel(),
                        "-e -t 10.0.0.1:80 -r 10.0.0.2:80 -g -w 5"),
                row("scheduler change: one service edit",
                        config(tcp(VIP).sched("wlc").real("10.0.0.2:80", ROUTE, 1).real("10.0.0.3:80", ROUTE, 2)),
                        health(), List.of(), twoRealsKernel(),
                        "-E -t 10.0.0.1:80 -s wlc"),
                row("persistence added: edit, not delete and re-add",
                        config(tcp(VIP).persistent(300).netmask("255.255.255.0")
                                .real("10.0.0.2:80", ROUTE, 1).real("10.0.0.3:80", ROUTE, 2)),
                        health(), List.of(), twoRealsKernel(),
                        "-E -t 10.0.0.1:80 -s wrr -p 300 -M 255.255.255.0"),
                row("persistence removed: edit", twoReals(), health(), List.of(),
                        table(ksvc(kservice(VIP, "wrr").withPersistence(300, 0xFFFFFFFF),
                                kdest("10.0.0.2:80", Forwarding.ROUTE, 1), kdest("10.0.0.3:80", Forwarding.ROUTE, 2))),
                        "-E -t 10.0.0.1:80 -s wrr"),
                row("foreign service untouched", twoReals(), health(), List.of(),
                        table(ksvc(kservice(VIP, "wrr"), kdest("10.0.0.2:80", Forwarding.ROUTE, 1),
                                kdest("10.0.0.3:80", Forwarding.ROUTE, 2)),
                                ksvc(kservice("10.9.9.9:80", "rr"), kdest("10.0.0.7:80", Forwarding.MASQ, 0)))),
                row("hand-deleted destination re-added", twoReals(), health(), List.of(),
                        table(ksvc(kservice(VIP, "wrr"), kdest("10.0.0.2:80", Forwarding.ROUTE, 1))),
                        "-a -t 10.0.0.1:80 -r 10.0.0.3:80 -g -w 2"),
                row("hand-edited weight put back", twoReals(), health(), List.of(),
                        table(ksvc(kservice(VIP, "wrr"), kdest("10.0.0.2:80", Forwarding.ROUTE, 9),
                                kdest("10.0.0.3:80", Forwarding.ROUTE, 2))),
                        "-e -t 10.0.0.1:80 -r 10.0.0.2:80 -g -w 1"),
                row("hand-deleted service re-added with its up reals", twoReals(), health(), List.of(), empty,
                        "-A -t 10.0.0.1:80 -s wrr", "-a -t 10.0.0.1:80 -r 10.0.0.2:80 -g -w 1",
                        "-a -t 10.0.0.1:80 -r 10.0.0.3:80 -g -w 2"),
                row("unknown destination in own service removed", twoReals(), health(), List.of(),
                        table(ksvc(kservice(VIP, "wrr"), kdest("10.0.0.2:80", Forwarding.ROUTE, 1),
                                kdest("10.0.0.3:80", Forwarding.ROUTE, 2), kdest("10.0.0.9:80", Forwarding.ROUTE, 1))),
                        "-d -t 10.0.0.1:80 -r 10.0.0.9:80"),
                row("new virtual: up reals added, pending real waits for its first check", twoReals(),
                        health("10.0.0.3:80", PENDING), List.of(), empty,
                        "-A -t 10.0.0.1:80 -s wrr", "-a -t 10.0.0.1:80 -r 10.0.0.2:80 -g -w 1"),
                row("cold start, every check pending: only the service", twoReals(), allPending(), List.of(), empty,
                        "-A -t 10.0.0.1:80 -s wrr"),
                row("pending real at weight 0 in the kernel is left alone", twoReals(), allPending(), List.of(),
                        table(ksvc(kservice(VIP, "wrr"), kdest("10.0.0.2:80", Forwarding.ROUTE, 0),
                                kdest("10.0.0.3:80", Forwarding.ROUTE, 2)))),
                row("pending real in rotation at another weight is set to the configured one", twoReals(),
                        allPending(), List.of(),
                        table(ksvc(kservice(VIP, "wrr"), kdest("10.0.0.2:80", Forwarding.ROUTE, 9),
                                kdest("10.0.0.3:80", Forwarding.ROUTE, 2))),
                        "-e -t 10.0.0.1:80 -r 10.0.0.2:80 -g -w 1"),
                row("quiescent=yes: failed real gets weight 0", twoReals(), health("10.0.0.2:80", DOWN), List.of(),
                        twoRealsKernel(), "-e -t 10.0.0.1:80 -r 10.0.0.2:80 -g -w 0"),
                row("quiescent=no: failed real deleted",
                        config(tcp(VIP).quiescent(false).real("10.0.0.2:80", ROUTE, 1).real("10.0.0.3:80", ROUTE, 2)),
                        health("10.0.0.2:80", DOWN), List.of(), twoRealsKernel(),
                        "-d -t 10.0.0.1:80 -r 10.0.0.2:80"),
                row("quiescent=no: failed real absent stays absent",
                        config(tcp(VIP).quiescent(false).real("10.0.0.2:80", ROUTE, 1).real("10.0.0.3:80", ROUTE, 2)),
                        health("10.0.0.2:80", DOWN), List.of(),
                        table(ksvc(kservice(VIP, "wrr"), kdest("10.0.0.3:80", Forwarding.ROUTE, 2)))),
                row("quiesced real deleted by hand stays out (readdquiescent=no)", twoReals(),
                        health("10.0.0.2:80", DOWN), List.of(),
                        table(ksvc(kservice(VIP, "wrr"), kdest("10.0.0.3:80", Forwarding.ROUTE, 2)))),
                row("readdquiescent=yes: quiesced real deleted by hand comes back at weight 0",
                        config(true, true, tcp(VIP).real("10.0.0.2:80", ROUTE, 1).real("10.0.0.3:80", ROUTE, 2)),
                        health("10.0.0.2:80", DOWN), List.of(),
                        table(ksvc(kservice(VIP, "wrr"), kdest("10.0.0.3:80", Forwarding.ROUTE, 2))),
                        "-a -t 10.0.0.1:80 -r 10.0.0.2:80 -g -w 0"),
                row("fallback added when no real is up",
                        config(tcp(VIP).fallback("127.0.0.1:80", ROUTE).real("10.0.0.2:80", ROUTE, 1)
                                .real("10.0.0.3:80", ROUTE, 2)),
                        health("10.0.0.2:80", DOWN, "10.0.0.3:80", DOWN), List.of(), twoRealsKernel(),
                        "-a -t 10.0.0.1:80 -r 127.0.0.1:80 -g -w 1", "-e -t 10.0.0.1:80 -r 10.0.0.2:80 -g -w 0",
                        "-e -t 10.0.0.1:80 -r 10.0.0.3:80 -g -w 0"),
                row("fallback not added while one real is up",
                        config(tcp(VIP).fallback("127.0.0.1:80", ROUTE).real("10.0.0.2:80", ROUTE, 1)
                                .real("10.0.0.3:80", ROUTE, 2)),
                        health("10.0.0.2:80", DOWN), List.of(), twoRealsKernel(),
                        "-e -t 10.0.0.1:80 -r 10.0.0.2:80 -g -w 0"),
                row("fallback removed when a real comes back",
                        config(tcp(VIP).fallback("127.0.0.1:80", ROUTE).real("10.0.0.2:80", ROUTE, 1)
                                .real("10.0.0.3:80", ROUTE, 2)),
                        health("10.0.0.3:80", DOWN), List.of(),
                        table(ksvc(kservice(VIP, "wrr"), kdest("10.0.0.2:80", Forwarding.ROUTE, 0),
                                kdest("10.0.0.3:80", Forwarding.ROUTE, 0), kdest("127.0.0.1:80", Forwarding.ROUTE, 1))),
                        "-e -t 10.0.0.1:80 -r 10.0.0.2:80 -g -w 1", "-d -t 10.0.0.1:80 -r 127.0.0.1:80"),
                row("fallback kept while first checks are pending (restart)",
                        config(tcp(VIP).fallback("127.0.0.1:80", ROUTE).real("10.0.0.2:80", ROUTE, 1)
                                .real("10.0.0.3:80", ROUTE, 2)),
                        allPending(), List.of(),
                        table(ksvc(kservice(VIP, "wrr"), kdest("127.0.0.1:80", Forwarding.ROUTE, 1)))),
                row("fallback with masq keeps its own port",
                        config(tcp(VIP).fallback("127.0.0.1:8080", MASQ).real("10.0.0.2:80", ROUTE, 1)),
                        health("10.0.0.2:80", DOWN), List.of(), table(ksvc(kservice(VIP, "wrr"))),
                        "-a -t 10.0.0.1:80 -r 127.0.0.1:8080 -m -w 1"),
                row("maintenance file quiesces a healthy real", twoReals(), health(), List.of("10.0.0.2"),
                        twoRealsKernel(), "-e -t 10.0.0.1:80 -r 10.0.0.2:80 -g -w 0"),
                row("maintenance file for another port does nothing", twoReals(), health(), List.of("10.0.0.2:443"),
                        twoRealsKernel()),
                row("masq real moved to another port: delete and add",
                        config(tcp(VIP).real("10.0.0.2:8081", MASQ, 1)), health(), List.of(),
                        table(ksvc(kservice(VIP, "wrr"), kdest("10.0.0.2:8080", Forwarding.MASQ, 1))),
                        "-a -t 10.0.0.1:80 -r 10.0.0.2:8081 -m -w 1", "-d -t 10.0.0.1:80 -r 10.0.0.2:8080"),
                row("gate real written with another port is adopted at the virtual's port",
                        config(tcp(VIP).real("10.0.0.2:8080", ROUTE, 1)), allPending(), List.of(),
                        table(ksvc(kservice(VIP, "wrr"), kdest("10.0.0.2:80", Forwarding.ROUTE, 1)))),
                row("forwarding method change: one edit", config(tcp(VIP).real("10.0.0.2:80", TUNNEL, 1)), health(),
                        List.of(), table(ksvc(kservice(VIP, "wrr"), kdest("10.0.0.2:80", Forwarding.MASQ, 1))),
                        "-e -t 10.0.0.1:80 -r 10.0.0.2:80 -i -w 1 --tun-type ipip"),
                row("thresholds change: one edit", config(tcp(VIP).real("10.0.0.2:80", ROUTE, 1, 10, 100)), health(),
                        List.of(), table(ksvc(kservice(VIP, "wrr"), kdest("10.0.0.2:80", Forwarding.ROUTE, 1))),
                        "-e -t 10.0.0.1:80 -r 10.0.0.2:80 -g -w 1 -x 100 -y 10"),
                row("kernel reports a local real as Local: no edit", config(tcp(VIP).real("10.0.0.2:80", ROUTE, 1)),
                        health(), List.of(),
                        table(ksvc(kservice(VIP, "wrr"), kdest("10.0.0.2:80", Forwarding.LOCAL, 1)))),
                row("fwmark virtual: a gate real keeps its port, as ipvsadm does", config(fwm(5).real("10.0.0.2:80", ROUTE, 1)), health(),
                        List.of(), empty, "-A -f 5 -s wrr", "-a -f 5 -r 10.0.0.2:80 -g -w 1"),
                row("IPv6 virtual", config(tcp("[2001:db8::1]:80").real("[2001:db8::2]:80", ROUTE, 3)), health(),
                        List.of(), empty, "-A -t [2001:db8::1]:80 -s wrr", "-a -t [2001:db8::1]:80 -r [2001:db8::2]:80 -g -w 3"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void oneCycle(String behaviour, Config cfg, Map<String, RealHealth> health, List<String> maint, IpvsTable kernel,
            List<String> expectedOps) {
        HealthView view = (v, r) -> health.getOrDefault(r.endpoint(), UP);
        CycleResult r = new Director().cycle(DirectorState.INITIAL, cfg, view,
                new MaintenanceSet(new java.util.HashSet<>(maint)), kernel, 0L);
        assertThat(r.ops().stream().map(IpvsadmSyntax::op).toList()).containsExactlyElementsOf(expectedOps);
    }
}
