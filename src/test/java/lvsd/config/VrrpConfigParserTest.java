package lvsd.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VrrpConfigParserTest {
    static final String F = "/etc/lvsd/lvsd.cf";
    /** The track_virtual names of a file whose one virtual has servicename=web. */
    static final Set<String> WEB = Set.of("web", "192.0.2.80:80", "tcp:192.0.2.80:80");

    /** Builds a block from "key=value" lines, numbering lines from {@code line + 1}. */
    static java.net.Inet4Address v4(String s) {
        try {
            return (java.net.Inet4Address) java.net.InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static RawBlock block(String kind, String name, int line, String... lines) {
        List<Directive> ds = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            int eq = lines[i].indexOf('=');
            String k = eq < 0 ? lines[i] : lines[i].substring(0, eq);
            String v = eq < 0 ? "" : lines[i].substring(eq + 1);
            ds.add(new Directive(k, v, new SourcePos(F, line + 1 + i)));
        }
        return new RawBlock(kind, name, new SourcePos(F, line), ds);
    }

    static List<String> errors(RawBlock... blocks) {
        return VrrpConfigParser.parse(List.of(blocks), WEB).diagnostics().stream().map(Diagnostic::toString).toList();
    }

    @Test
    void fullInstanceParses() {
        RawBlock script = block("vrrp_script", "chk", 1, "script=\"/bin/check web\"", "interval=0.5", "weight=-20",
                "rise=2", "fall=3");
        RawBlock inst = block("vrrp_instance", "VI_1", 10,
                "state=BACKUP", "interface=eth0", "virtual_router_id=51", "priority=150", "advert_int=0.1",
                "version=3", "preempt_delay=5", "virtual_ipaddress=192.168.200.16/24 dev eth1 label eth1:vip",
                "virtual_ipaddress=192.168.200.17", "unicast_src_ip=10.0.0.2", "unicast_peer=10.0.0.1",
                "garp_master_delay=2", "garp_master_repeat=3", "garp_master_refresh=60",
                "track_interface=eth1 weight -30", "track_script=chk", "track_virtual=web weight -50",
                "notify_master=/bin/echo master", "notify=/usr/local/bin/n", "lvs_sync_daemon=eth1 id 7");
        VrrpConfigParser.Result r = VrrpConfigParser.parse(List.of(script, inst), WEB);
        assertThat(r.diagnostics()).isEmpty();
        InstanceConfig c = r.config().instances().get(0);
        assertThat(c.intervalCs()).isEqualTo(10);
        assertThat(c.version()).isEqualTo(3);
        assertThat(c.preempt()).isTrue();
        assertThat(c.preemptDelayNs()).isEqualTo(5_000_000_000L);
        assertThat(c.vips()).containsExactly(new VipSpec(v4("192.168.200.16"), 24, "eth1", "eth1:vip"),
                new VipSpec(v4("192.168.200.17"), 32, null, null));
        assertThat(c.peers()).containsExactly(v4("10.0.0.1"));
        assertThat(c.trackers()).containsExactly(new Tracker(Tracker.Kind.INTERFACE, "eth1", -30, false),
                new Tracker(Tracker.Kind.SCRIPT, "chk", -20, false), new Tracker(Tracker.Kind.VIRTUAL, "web", -50, false));
        assertThat(c.hooks().master()).containsExactly("/bin/echo", "master");
        assertThat(c.lvsSyncIf()).isEqualTo("eth1");
        assertThat(c.lvsSyncId()).isEqualTo(7);
        assertThat(r.config().scripts().get(0).command()).containsExactly("/bin/check web");
        assertThat(r.config().scripts().get(0).timeoutNs()).isEqualTo(500_000_000L);
    }

    @Test
    void defaultsAreKeepalivedsAndNopreemptIsABareWord() {
        VrrpConfigParser.Result r = VrrpConfigParser.parse(List.of(block("vrrp_instance", "VI_1", 1,
                "interface=eth0", "virtual_router_id=1", "virtual_ipaddress=10.0.0.1", "nopreempt")), WEB);
        InstanceConfig c = r.config().instances().get(0);
        assertThat(c.priority()).isEqualTo(100);
        assertThat(c.intervalCs()).isEqualTo(100);
        assertThat(c.version()).isEqualTo(2);
        assertThat(c.preempt()).isFalse();
        assertThat(c.garpRepeat()).isEqualTo(5);
        assertThat(c.garpDelayNs()).isEqualTo(5_000_000_000L);
    }

    @Test
    void errorsNameFileAndLine() {
        assertThat(errors(block("vrrp_instance", "VI_1", 3, "interface=eth0", "virtual_router_id=256",
                "virtual_ipaddress=10.0.0.1", "bogus=1", "priority=abc")))
                .containsExactly(F + ":5: virtual_router_id must be 1..255, got 256",
                        F + ":7: unknown vrrp_instance directive 'bogus'",
                        F + ":8: priority must be a whole number 1..255, got 'abc'");
    }

    @Test
    void aTrackVirtualMustNameAVirtualOfTheFile() {
        RawBlock a = block("vrrp_instance", "A", 1, "interface=eth0", "virtual_router_id=1",
                "virtual_ipaddress=10.0.0.1", "track_virtual=web", "track_virtual=tcp:192.0.2.80:80",
                "track_virtual=192.0.2.80:80", "track_virtual=db weight -10");
        assertThat(errors(a)).containsExactly(F + ":8: track_virtual db: no virtual service of that name (a virtual"
                + " answers to its servicename=, its address as after virtual= or its label; known: 192.0.2.80:80,"
                + " tcp:192.0.2.80:80, web)");
        assertThat(VrrpConfigParser.parse(List.of(a), null).diagnostics()).as("unchecked").isEmpty();
        assertThat(VrrpConfigParser.parse(List.of(a), Set.of()).diagnostics().get(0).message())
                .endsWith("(the file has no virtual services)");
    }

    @Test
    void anUnterminatedQuoteIsAnErrorAtItsLine() {
        assertThat(errors(block("vrrp_instance", "A", 1, "interface=eth0", "virtual_router_id=1",
                "virtual_ipaddress=10.0.0.1", "track_script=\"chk", "authentication=PASS 'x")))
                .containsExactly(F + ":5: track_script: unterminated quote in: \"chk",
                        F + ":6: authentication: unterminated quote in: PASS 'x");
    }

    @Test
    void missingRequiredDirectivesAreReportedAtTheBlock() {
        assertThat(errors(block("vrrp_instance", "VI_1", 9, "priority=10"))).containsExactly(
                F + ":9: vrrp_instance VI_1 needs interface=",
                F + ":9: vrrp_instance VI_1 needs virtual_router_id=",
                F + ":9: vrrp_instance VI_1 needs at least one virtual_ipaddress=");
    }

    @Test
    void v2IntervalMustBeWholeSecondsAndV3Centiseconds() {
        assertThat(errors(block("vrrp_instance", "A", 1, "interface=eth0", "virtual_router_id=1",
                "virtual_ipaddress=10.0.0.1", "advert_int=0.5")))
                .containsExactly(F + ":5: advert_int 0.5: VRRPv2 needs whole seconds 1..255");
        assertThat(errors(block("vrrp_instance", "A", 1, "interface=eth0", "virtual_router_id=1",
                "virtual_ipaddress=10.0.0.1", "version=3", "advert_int=0.005")))
                .containsExactly(F + ":6: advert_int 0.005: VRRPv3 needs 0.01..40.95 s in steps of 0.01");
    }

    @Test
    void inconsistentOptionsAreErrors() {
        assertThat(errors(block("vrrp_instance", "A", 1, "interface=eth0", "virtual_router_id=1",
                "virtual_ipaddress=10.0.0.1", "state=MASTER", "nopreempt", "version=3", "authentication=PASS x")))
                .containsExactly(F + ":8: authentication is VRRPv2 only (VRRPv3 has no authentication field)",
                        F + ":6: nopreempt needs state=BACKUP (a MASTER wish means preempting)");
    }

    @Test
    void duplicateVridOnAnInterfaceAndUnknownScriptAreErrors() {
        RawBlock a = block("vrrp_instance", "A", 1, "interface=eth0", "virtual_router_id=1", "virtual_ipaddress=10.0.0.1");
        RawBlock b = block("vrrp_instance", "B", 10, "interface=eth0", "virtual_router_id=1",
                "virtual_ipaddress=10.0.0.2", "track_script=nope");
        assertThat(errors(a, b)).containsExactly(
                F + ":14: track_script nope: no vrrp_script block of that name");
        RawBlock c = block("vrrp_instance", "C", 20, "interface=eth0", "virtual_router_id=1",
                "virtual_ipaddress=10.0.0.3");
        assertThat(errors(a, c)).containsExactly(F + ":20: virtual_router_id 1 on eth0 is already used by the"
                + " vrrp_instance at line 1");
    }

    @Test
    void syncGroupMembersMustExist() {
        RawBlock a = block("vrrp_instance", "A", 1, "interface=eth0", "virtual_router_id=1", "virtual_ipaddress=10.0.0.1");
        RawBlock b = block("vrrp_instance", "B", 5, "interface=eth1", "virtual_router_id=1", "virtual_ipaddress=10.0.1.1");
        VrrpConfigParser.Result ok = VrrpConfigParser.parse(List.of(a, b, block("vrrp_sync_group", "G", 9, "group=A B")), WEB);
        assertThat(ok.ok()).isTrue();
        assertThat(ok.config().groups().get(0).members()).containsExactly("A", "B");
        assertThat(errors(a, b, block("vrrp_sync_group", "G", 9, "group=A C")))
                .containsExactly(F + ":10: sync group member C is not a vrrp_instance");
    }

    @Test
    void badVipSyntaxIsExplainedOnceAtEachLine() {
        assertThat(errors(block("vrrp_instance", "A", 1, "interface=eth0", "virtual_router_id=1",
                "virtual_ipaddress=10.0.0.300/24", "virtual_ipaddress=10.0.0.1 via x")))
                .containsExactly(F + ":4: virtual_ipaddress must be an IPv4 address, got '10.0.0.300'",
                        F + ":5: virtual_ipaddress option 'via' is unknown (dev, label)");
    }
}
