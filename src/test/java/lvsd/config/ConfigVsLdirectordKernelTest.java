package lvsd.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import lvsd.inet.Addresses;
import lvsd.inet.Family;
import lvsd.inet.Forwarding;
import lvsd.inet.Protocol;
import lvsd.director.CycleResult;
import lvsd.director.Director;
import lvsd.director.DirectorState;
import lvsd.director.HealthView;
import lvsd.director.MaintenanceSet;
import lvsd.ipvs.IpvsClient;
import lvsd.ipvsadm.IpvsadmOrder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The oracle: ldirectord itself builds the IPVS table from oracle/table.cf (and oracle/quirks.cf) in the test
 * VM's kernel, and the table lvsd's model describes must be the same, line for line of {@code ipvsadm -Sn}, plus
 * the connection thresholds from {@code ipvsadm -Ln --thresholds}. Every virtual uses checktype=on, so no check runs and every
 * real is up. Runs as root inside the VM (kernel suite).
 */
@Tag("kernel")
class ConfigVsLdirectordKernelTest {

    private static final Path ORACLE = Path.of("src/test/resources/ldirectord/oracle").toAbsolutePath();
    private static final String LDIRECTORD = "/usr/sbin/ldirectord";

    /**
     * table.cf: the directives and shapes of a plain file. quirks.cf: the ldirectord quirks lvsd accepts with a
     * warning (docs/config.md §5), written with CR LF line endings; for it lvsd also applies the file itself (its
     * first cycle, over netlink, as {@code lvsd run} does) and the kernel table must be the one ldirectord built.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"table.cf", "quirks.cf"})
    void ldirectordBuildsTheTableTheModelDescribes(String name) throws Exception {
        assertThat(new File(LDIRECTORD).canExecute()).as("ldirectord is installed (tests/apt-packages.txt)").isTrue();
        Path dir = Files.createDirectories(Path.of("target/kernel-test"));
        Path config = ORACLE.resolve(name);
        boolean quirks = name.equals("quirks.cf");
        if (quirks) {
            config = dir.resolve("quirks-crlf.cf");
            String text = Files.readString(ORACLE.resolve(name), StandardCharsets.UTF_8);
            Files.writeString(config, text.replace("\n", "\r\n"), StandardCharsets.UTF_8);
        }
        ParseResult parsed = ConfigParser.parse(config);
        Config c = parsed.orThrow();
        if (quirks) {
            // every quirk line is read with a warning: DOS line endings (line 1), 3s, :25, the header words, -w,
            // the two dropped words, the quotes, 300s, "5 sec"
            assertThat(parsed.warnings()).extracting(d -> d.pos().line())
                    .containsExactly(1, 5, 6, 8, 9, 10, 11, 12, 17, 18);
        }
        assertThat(c.virtuals()).allSatisfy(v -> {
            assertThat(v.check().type()).isEqualTo(CheckType.ON);
            assertThat(v.schedFlags()).as("not rendered by this test").isEmpty();
        });
        Set<String> expectedRules = rules(c);
        Set<String> expectedThresholds = thresholds(c);

        deleteVirtuals(c);
        Path log = dir.resolve("ldirectord-" + name + ".log");
        Process ld = new ProcessBuilder(LDIRECTORD, "-d", config.toString(), "start")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Set<String> byLdirectord;
        try {
            Set<String> actual = Set.of();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300); // emulated CPU: ldirectord is slow
            while (System.nanoTime() < deadline && ld.isAlive()) {
                actual = new TreeSet<>(run("ipvsadm", "-Sn"));
                if (actual.equals(expectedRules)) {
                    break;
                }
                Thread.sleep(500); // polling the kernel table: there is no event to wait for
            }
            assertThat(actual).as("ipvsadm -Sn after ldirectord start; its log: %s", log)
                    .containsExactlyInAnyOrderElementsOf(expectedRules);
            assertThat(thresholdsInKernel()).containsExactlyInAnyOrderElementsOf(expectedThresholds);
            byLdirectord = actual;
        } finally {
            ld.destroy(); // SIGTERM: ldirectord's cleanstop=yes removes what it added
            if (!ld.waitFor(120, TimeUnit.SECONDS)) {
                ld.destroyForcibly();
            }
            deleteVirtuals(c);
        }
        if (!quirks) {
            return;
        }
        try (IpvsClient client = IpvsClient.open()) {
            CycleResult first = new Director().cycle(DirectorState.INITIAL, c, HealthView.staticView(true),
                    MaintenanceSet.EMPTY, IpvsadmOrder.sorted(client.table()), System.nanoTime());
            client.apply(first.ops());
            assertThat(new TreeSet<>(run("ipvsadm", "-Sn"))).as("ipvsadm -Sn after lvsd applied the file")
                    .containsExactlyInAnyOrderElementsOf(byLdirectord);
            assertThat(thresholdsInKernel()).containsExactlyInAnyOrderElementsOf(expectedThresholds);
        } finally {
            deleteVirtuals(c);
        }
    }

    /** {@code ipvsadm -Sn} lines for the model, in ipvsadm's own format. */
    static Set<String> rules(Config c) {
        Set<String> out = new TreeSet<>();
        for (VirtualService v : c.virtuals()) {
            String svc = service(v.key());
            StringBuilder a = new StringBuilder("-A " + svc + " -s " + v.scheduler());
            if (v.persistent().isPresent()) {
                a.append(" -p ").append(v.persistent().getAsInt());
                // ipvsadm leaves out the default mask (all ones / 128)
                v.netmask().filter(m -> !m.equals("255.255.255.255") && !m.equals("128"))
                        .ifPresent(m -> a.append(" -M ").append(m));
            }
            if (v.ops()) {
                a.append(" -o");
            }
            out.add(a.toString());
            for (RealServer r : v.reals()) {
                String fwd = switch (r.forwarding()) {
                    case ROUTE -> "-g";
                    case MASQ -> "-m";
                    case TUNNEL -> "-i";
                    case LOCAL -> throw new AssertionError("ldirectord.cf cannot name local forwarding");
                };
                out.add("-a " + svc + " -r " + Addresses.withPort(r.address(), r.port()) + " " + fwd + " -w "
                        + r.weight() + (r.forwarding() == Forwarding.TUNNEL ? " --tun-type ipip" : ""));
            }
        }
        return out;
    }

    private static String service(VirtualKey k) {
        if (k.isFwmark()) {
            return "-f " + k.fwmark() + (k.family() == Family.INET6 ? " -6" : "");
        }
        return (k.protocol() == Protocol.TCP ? "-t " : "-u ") + Addresses.withPort(k.address(), k.port());
    }

    /** "SERVICE REAL upper lower" per real. */
    static Set<String> thresholds(Config c) {
        Set<String> out = new TreeSet<>();
        for (VirtualService v : c.virtuals()) {
            VirtualKey k = v.key();
            String svc = k.isFwmark() ? "FWM " + k.fwmark() + (k.family() == Family.INET6 ? " IPv6" : "")
                    : k.protocol().word().toUpperCase() + " " + Addresses.withPort(k.address(), k.port());
            for (RealServer r : v.reals()) {
                out.add(svc + " " + Addresses.withPort(r.address(), r.port()) + " " + r.upperThreshold() + " "
                        + r.lowerThreshold());
            }
        }
        return out;
    }

    private static Set<String> thresholdsInKernel() throws Exception {
        Set<String> out = new TreeSet<>();
        String svc = null;
        for (String line : run("ipvsadm", "-Ln", "--thresholds")) {
            String[] t = line.trim().split("\\s+");
            if (line.startsWith("TCP ") || line.startsWith("UDP ") || line.startsWith("FWM ")) {
                svc = t[0] + " " + t[1] + (t.length > 2 && t[2].equals("IPv6") ? " IPv6" : "");
            } else if (line.startsWith("  -> ") && svc != null && !t[1].equals("RemoteAddress:Port")) {
                out.add(svc + " " + t[1] + " " + t[2] + " " + t[3]);
            }
        }
        return out;
    }

    private static void deleteVirtuals(Config c) throws Exception {
        for (VirtualService v : c.virtuals()) {
            List<String> cmd = new ArrayList<>(List.of("ipvsadm", "-D"));
            cmd.addAll(List.of(service(v.key()).split(" ")));
            new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor(60, TimeUnit.SECONDS); // "no such service" is fine
        }
    }

    private static List<String> run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd) + ": " + out).isZero();
        return out.lines().toList();
    }

}
