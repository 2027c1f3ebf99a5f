package lvsd.vrrp;

import lvsd.config.VrrpConfig;
import static lvsd.testing.StdStreams.stderrOf;
import static lvsd.testing.StdStreams.stdoutOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import lvsd.cli.Main;
import lvsd.config.InstanceConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input never reaches the sockets: exit status 2 and FILE:LINE messages (runs without root). */
class VrrpRunCommandTest {
    @TempDir
    Path dir;

    @Test
    void configErrorsExitTwoWithFileAndLine() throws Exception {
        Path f = dir.resolve("lvsd.cf");
        Files.writeString(f, "vrrp_instance=VI_1\n    interface=eth0\n    virtual_router_id=300\n"
                + "    virtual_ipaddress=10.0.0.1\n    frobnicate=yes\n");
        int[] status = new int[1];
        String err = stderrOf(() -> status[0] = Main.execute("vrrp-run", "-f", f.toString()));
        assertThat(status[0]).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(err).contains(f + ":3: virtual_router_id must be 1..255, got 300")
                .contains(f + ":5: unknown vrrp_instance directive 'frobnicate'");
    }

    @Test
    void aFileWithoutInstancesIsBadInput() throws Exception {
        Path f = dir.resolve("empty.cf");
        Files.writeString(f, "# nothing\n");
        int[] status = new int[1];
        String err = stderrOf(() -> status[0] = Main.execute("vrrp-run", "-f", f.toString()));
        assertThat(status[0]).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(err).contains("no vrrp_instance blocks");
    }

    @Test
    void commandIsHiddenFromHelp() {
        assertThat(stdoutOf(() -> Main.execute("--help"))).doesNotContain("vrrp-run");
    }

    @Test
    void theShippedExampleParsesAlongsideTheSampleVirtualServices() throws Exception {
        Path f = dir.resolve("full.cf");
        Path repo = Path.of(System.getProperty("user.dir"));
        Files.writeString(f, Files.readString(repo.resolve("etc/ldirectord.cf")) + "\n"
                + Files.readString(repo.resolve("etc/vrrp-example.cf")));
        lvsd.config.ParseResult parsed = lvsd.config.ConfigParser.parse(f);
        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.diagnostics()).isEmpty();
        lvsd.config.VrrpConfig r = parsed.config().vrrp();
        assertThat(r.instances()).extracting(InstanceConfig::name).containsExactly("VI_WEB", "VI_INTERNAL");
        assertThat(r.groups().get(0).members()).containsExactly("VI_WEB", "VI_INTERNAL");
        assertThat(r.instances().get(0).trackers()).hasSize(2);
    }
}
