package lvsd.config;

import static lvsd.config.Parsing.messages;
import static lvsd.config.Parsing.ok;
import static lvsd.config.Parsing.only;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import lvsd.inet.Forwarding;
import lvsd.inet.Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Per-virtual value → global value → ldirectord's built-in default, and the defaults derived from other values. */
class LayeringTest {

    private static final String V = "virtual=192.0.2.1:80\n\treal=192.0.2.10 gate\n";

    @Test
    void builtInDefaultsAreLdirectordsCodeDefaults() {
        Config c = ok(V);
        VirtualService v = c.virtuals().get(0);
        GlobalSettings g = c.globals();
        assertThat(v.quiescent()).as("quiescent: the code says no (the man page says yes)").isFalse();
        assertThat(g.readdQuiescent()).isFalse();
        assertThat(v.cleanStop()).isTrue();
        assertThat(g.autoReload()).isFalse();
        assertThat(g.fork()).isFalse();
        assertThat(g.supervised()).isFalse();
        assertThat(g.logFile()).isEqualTo("/var/log/ldirectord.log");
        assertThat(v.scheduler()).isEqualTo("wrr");
        assertThat(v.key().protocol()).isEqualTo(Protocol.TCP);
        assertThat(v.persistent()).isEmpty();
        assertThat(v.ops()).isFalse();
        assertThat(v.drainSeconds()).isZero();
        CheckSettings k = v.check();
        assertThat(k.type()).isEqualTo(CheckType.NEGOTIATE);
        assertThat(k.service()).isEqualTo(CheckService.HTTP);
        assertThat(k.request()).isEqualTo("/");
        assertThat(k.receive()).isEmpty();
        assertThat(k.httpMethod()).isEqualTo("GET");
        assertThat(k.checkCommand()).isEqualTo("/bin/true");
        assertThat(k.checkInterval()).isEqualTo(10);
        assertThat(k.checkTimeout()).isEqualTo(5);
        assertThat(k.negotiateTimeout()).isEqualTo(30);
        assertThat(k.failureCount()).isEqualTo(1);
        assertThat(k.checkCount()).isEqualTo(1);
        assertThat(k.rise()).isEqualTo(1);
        assertThat(v.emailAlert().states()).containsExactlyInAnyOrder(AlertState.values());
        assertThat(v.emailAlert().enabled()).isFalse();
        assertThat(v.fallback()).isEmpty();
    }

    /** Columns: virtual checktimeout, virtual negotiatetimeout, global checktimeout, global negotiatetimeout. */
    @ParameterizedTest(name = "v.check={0} v.neg={1} g.check={2} g.neg={3} -> {4}/{5}")
    @CsvSource(nullValues = "-", value = {
        "-, -, -, -, 5, 30",
        "7, -, -, -, 7, 7",
        "-, 8, -, -, 8, 8",
        "7, 8, -, -, 7, 8",
        "-, -, 3, -, 3, 3",
        "-, -, -, 4, 4, 4",
        "-, -, 3, 4, 3, 4",
        "7, -, 3, 4, 7, 7",
        "-, 8, 3, 4, 8, 8",
        "7, 8, 3, 4, 7, 8",
    })
    void timeoutsDefaultToEachOther(Integer vc, Integer vn, Integer gc, Integer gn, int check, int negotiate) {
        String text = (gc == null ? "" : "checktimeout=" + gc + "\n") + (gn == null ? "" : "negotiatetimeout=" + gn + "\n")
                + V + (vc == null ? "" : "\tchecktimeout=" + vc + "\n") + (vn == null ? "" : "\tnegotiatetimeout=" + vn + "\n");
        CheckSettings k = only(text).check();
        assertThat(k.checkTimeout()).isEqualTo(check);
        assertThat(k.negotiateTimeout()).isEqualTo(negotiate);
    }

    static Stream<Arguments> layered() {
        return Stream.of(
                Arguments.of("quiescent", "yes", "no", false, true, false,
                        (Function<VirtualService, Object>) VirtualService::quiescent),
                Arguments.of("cleanstop", "no", "yes", true, false, true,
                        (Function<VirtualService, Object>) VirtualService::cleanStop),
                Arguments.of("checkinterval", "3", "4", 10, 3, 4,
                        (Function<VirtualService, Object>) v -> v.check().checkInterval()),
                Arguments.of("failurecount", "3", "4", 1, 3, 4,
                        (Function<VirtualService, Object>) v -> v.check().failureCount()),
                Arguments.of("rise", "2", "5", 1, 2, 5,
                        (Function<VirtualService, Object>) v -> v.check().rise()),
                Arguments.of("drain", "30", "0", 0, 30, 0,
                        (Function<VirtualService, Object>) VirtualService::drainSeconds),
                Arguments.of("emailalert", "a@example.test", "b@example.test", "", "a@example.test", "b@example.test",
                        (Function<VirtualService, Object>) v -> v.emailAlert().recipients()),
                Arguments.of("emailalertfreq", "60", "0", 0, 60, 0,
                        (Function<VirtualService, Object>) v -> v.emailAlert().frequency()),
                Arguments.of("emailalertstatus", "starting", "none", Set.of(AlertState.values()),
                        Set.of(AlertState.STARTING), Set.of(),
                        (Function<VirtualService, Object>) v -> v.emailAlert().states()),
                Arguments.of("smtp", "mx1.example.test", "mx2.example.test", java.util.Optional.empty(),
                        java.util.Optional.of("mx1.example.test"), java.util.Optional.of("mx2.example.test"),
                        (Function<VirtualService, Object>) v -> v.emailAlert().smtp()),
                Arguments.of("fallbackcommand", "/bin/a", "\"/bin/b x\"", java.util.Optional.empty(),
                        java.util.Optional.of("/bin/a"), java.util.Optional.of("/bin/b x"),
                        (Function<VirtualService, Object>) VirtualService::fallbackCommand));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layered")
    void virtualOverridesGlobalOverridesDefault(String key, String global, String virtual, Object dflt,
            Object fromGlobal, Object fromVirtual, Function<VirtualService, Object> get) {
        String fork = key.equals("checkinterval") ? "fork=yes\n" : "";
        assertThat(get.apply(only(fork + V))).as("default").isEqualTo(dflt);
        assertThat(get.apply(only(fork + key + "=" + global + "\n" + V))).as("global").isEqualTo(fromGlobal);
        assertThat(get.apply(only(fork + key + "=" + global + "\n" + V + "\t" + key + "=" + virtual + "\n")))
                .as("virtual").isEqualTo(fromVirtual);
        assertThat(get.apply(only(fork + V + "\t" + key + "=" + virtual + "\n" + key + "=" + global + "\n")))
                .as("a global after the block does not beat the block").isEqualTo(fromVirtual);
    }

    @Test
    void shellSyntaxInACommandIsNotInterpolated() {
        VirtualService v = only("fallbackcommand=/bin/notify ${HOME} $(id)\n" + V);
        assertThat(v.fallbackCommand()).contains("/bin/notify ${HOME} $(id)");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = CheckService.class, names = {"NONE", "SIMPLETCP"}, mode = EnumSource.Mode.EXCLUDE)
    void serviceDefaultsFromTheVirtualPort(CheckService s) {
        VirtualService v = only("virtual=192.0.2.1:" + s.defaultPort() + "\n\treal=192.0.2.10 gate\n");
        assertThat(v.check().service()).isEqualTo(s);
        assertThat(v.key().protocol()).isEqualTo(s == CheckService.DNS ? Protocol.UDP : Protocol.TCP);
    }

    @Test
    void unlistedPortAndFwmarkDefaultToServiceNone() {
        assertThat(only("virtual=192.0.2.1:8080\n\treal=192.0.2.10 gate\n").check().service())
                .isEqualTo(CheckService.NONE);
        assertThat(only("virtual=42\n\treal=192.0.2.10 gate\n").check().service()).isEqualTo(CheckService.NONE);
    }

    @Test
    void domainServiceNameMeansUdpAndProtocolOverridesIt() {
        assertThat(only("virtual=192.0.2.1:domain\n\treal=192.0.2.10 gate\n").key())
                .hasToString("udp:192.0.2.1:53");
        assertThat(only("virtual=192.0.2.1:53\n\tprotocol=tcp\n\treal=192.0.2.10 gate\n").key())
                .hasToString("tcp:192.0.2.1:53");
    }

    @Test
    void ftpAndSipLoginsDefaultWhateverTheDirectiveOrder() {
        String ftp = "virtual=192.0.2.1:21\n\treal=192.0.2.10 gate\n";
        CheckSettings k = only(ftp).check();
        assertThat(List.of(k.login(), k.passwd())).containsExactly("anonymous", "ldirectord@director1");
        k = only(ftp + "\tlogin=\"bob\"\n\tservice=ftp\n").check();
        assertThat(List.of(k.login(), k.passwd())).containsExactly("bob", "ldirectord@director1");
        k = only(ftp + "\tservice=ftp\n\tpasswd=\"pw\"\n").check();
        assertThat(List.of(k.login(), k.passwd())).containsExactly("anonymous", "pw");
        k = only("virtual=192.0.2.1:5060\n\tprotocol=udp\n\treal=192.0.2.10 gate\n").check();
        assertThat(List.of(k.login(), k.passwd())).containsExactly("ldirectord@director1", "");
    }

    @Test
    void globalFallbackTakesTheVirtualsPortAndFamily() {
        Config c = ok("""
                fallback=127.0.0.1
                fallback6=[::1]:8000 masq
                virtual=192.0.2.1:80
                \treal=192.0.2.10 gate
                virtual=192.0.2.1:443
                \treal=192.0.2.10 gate
                virtual6=[2001:db8::1]:80
                \treal6=[2001:db8::10] gate
                virtual=192.0.2.1:25
                \treal=192.0.2.10 gate
                \tfallback=192.0.2.99:25 ipip
                """);
        assertThat(c.virtuals()).extracting(v -> v.fallback().map(Fallback::endpoint).orElse("-"))
                .containsExactly("127.0.0.1:80", "127.0.0.1:443", "[::1]:8000", "192.0.2.99:25");
        assertThat(c.virtuals()).extracting(v -> v.fallback().orElseThrow().forwarding())
                .containsExactly(Forwarding.ROUTE, Forwarding.ROUTE, Forwarding.MASQ, Forwarding.TUNNEL);
        assertThat(c.virtuals()).allSatisfy(v -> assertThat(v.fallback().orElseThrow().weight()).isEqualTo(1));
    }

    @Test
    void globalFallbackAppliesToFirewallMarkVirtualsWithItsOwnPortOrZero() {
        Config c = ok("""
                fallback=127.0.0.1 gate
                fallback6=[::1]:8080 masq
                virtual=5
                \treal=192.0.2.10 gate
                virtual6=6
                \treal6=[2001:db8::10] gate
                """);
        assertThat(c.virtuals()).extracting(v -> v.fallback().map(Fallback::endpoint).orElse("-"))
                .containsExactly("127.0.0.1:0", "[::1]:8080");
    }

    @Test
    void combinedCheckType() {
        CheckSettings k = only(V + "\tchecktype=3\n").check();
        assertThat(k.type()).isEqualTo(CheckType.COMBINED);
        assertThat(k.connectsPerNegotiate()).isEqualTo(3);
    }

    @Test
    void portZeroIsFineWithPersistence() {
        VirtualService v = only("virtual=192.0.2.1:0\n\tpersistent=600\n\treal=192.0.2.10 gate\n");
        assertThat(v.key().port()).isZero();
        assertThat(v.reals().get(0).port()).isZero();
    }

    @Test
    void requestGetsItsLeadingSlashLikeLdirectord() {
        assertThat(only(V + "\trequest=\"index.html\"\n").check().request()).isEqualTo("/index.html");
        assertThat(only(V + "\trequest=\"/a\"\n").check().request()).isEqualTo("/a");
    }

    @Test
    void perVirtualCheckintervalWithoutForkIsHonouredWithAWarning() {
        ParseResult r = Parsing.parse(V + "\tcheckinterval=2\n");
        assertThat(r.config().virtuals().get(0).check().checkInterval()).isEqualTo(2);
        assertThat(r.warnings()).singleElement().asString().contains("ignores a per-virtual checkinterval");
    }

    @Test
    void aRepeatedDirectiveWarnsAndTheLastWins() {
        ParseResult r = Parsing.parse("quiescent=yes\nquiescent=no\n" + V);
        assertThat(r.config().globals().quiescent()).isFalse();
        assertThat(messages("quiescent=yes\nquiescent=no\n" + V))
                .containsExactly("t.cf:2: warning: quiescent is given again (first at line 1); the last value wins,"
                        + " as in ldirectord");
    }

    @Test
    void executeIsKeptButWarnedAbout() {
        ParseResult r = Parsing.parse("execute=other.cf\nexecute=third.cf\n" + V);
        assertThat(r.config().globals().execute()).containsExactly("other.cf", "third.cf");
        assertThat(r.warnings()).hasSize(2);
    }

    @Test
    void maintenanceDirIsRecordedWithItsLineWithoutLookingAtTheDisk() {
        ParseResult r = Parsing.parse("maintenancedir=/nonexistent/lvsd-maint\n" + V);
        assertThat(r.diagnostics()).isEmpty(); // the command layer warns about a missing directory
        assertThat(r.config().globals().maintenanceDir()).contains("/nonexistent/lvsd-maint");
        assertThat(r.config().globals().maintenanceDirLine()).map(SourcePos::line).contains(1);
    }

    @Test
    void emptyFileIsAValidConfigWithNoVirtuals() {
        Config c = ok("# nothing here\n\n");
        assertThat(c.virtuals()).isEmpty();
        assertThat(c.extraBlocks()).isEmpty();
    }
}
