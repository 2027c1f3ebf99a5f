package lvsd.director;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import lvsd.config.Config;
import lvsd.config.ConfigParser;
import lvsd.config.NameResolver;
import lvsd.config.ParseResult;
import lvsd.config.VirtualService;
import lvsd.ipvs.IpvsClient;
import lvsd.ipvs.IpvsOp;
import lvsd.ipvs.IpvsTable;
import lvsd.ipvs.ServiceKey;
import lvsd.ipvsadm.IpvsadmOrder;
import lvsd.ipvsadm.IpvsadmSyntax;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The director against the real IPVS kernel, through lvsd's own client, cross-checked with ipvsadm: a cycle's
 * operations apply cleanly, the next cycle on the kernel's own dump is empty (the kernel's representation of
 * every setting equals the desired one), hand edits made with ipvsadm are undone with exactly the needed
 * operations, foreign services are left alone and stop removes only lvsd's services.
 */
@Tag("kernel")
class DirectorKernelTest {

    static final String CF = String.join("\n",
            "virtual=10.60.0.1:80",
            "\tchecktype=on",
            "\treal=10.60.1.2:80 gate 3",
            "\treal=10.60.1.3:80 gate 1 l:5 u:50",
            "\tscheduler=wlc",
            "\tpersistent=300",
            "\tnetmask=255.255.255.0",
            "virtual=5",
            "\tchecktype=on",
            "\treal=10.60.1.4:80 ipip 2",
            "\tprotocol=fwm",
            "\tscheduler=sh",
            "virtual6=[2001:db8:60::1]:443",
            "\tchecktype=on",
            "\treal6=[2001:db8:60::10]:8443 masq 2",
            "\tscheduler=rr",
            "virtual=10.60.0.1:53",
            "\tchecktype=on",
            "\treal=10.60.1.5:53 masq",
            "\tprotocol=udp",
            "\tops=yes",
            "");

    static Config config;
    IpvsClient client;
    final Director director = new Director();
    DirectorState state = DirectorState.INITIAL;

    @BeforeAll
    static void network() throws Exception {
        sh("ip", "link", "add", "lvsdk0", "type", "dummy");
        sh("ip", "link", "set", "lvsdk0", "up");
        sh("ip", "addr", "add", "10.60.0.254/16", "dev", "lvsdk0");
        sh("ip", "-6", "addr", "add", "2001:db8:60::fe/64", "dev", "lvsdk0", "nodad");
        ParseResult r = new ConfigParser(NameResolver.system()).parseText("kernel.cf", CF);
        assertThat(r.errors()).isEmpty();
        config = r.config();
    }

    @AfterAll
    static void teardown() throws Exception {
        sh("ip", "link", "del", "lvsdk0");
    }

    @BeforeEach
    void open() throws Exception {
        client = IpvsClient.open();
        removeOwn();
    }

    @AfterEach
    void close() throws Exception {
        removeOwn();
        sh("sh", "-c", "ipvsadm -D -t 10.60.0.9:25 2>/dev/null; true");
        client.close();
    }

    private void removeOwn() throws Exception {
        IpvsTable t = client.table();
        List<IpvsOp> ops = new ArrayList<>();
        for (VirtualService v : config.virtuals()) {
            ServiceKey k = ConfigMapping.key(v.key());
            if (t.find(k).isPresent()) {
                ops.add(new IpvsOp.DeleteService(k));
            }
        }
        client.apply(ops);
    }

    private CycleResult cycle() throws Exception {
        CycleResult r = director.cycle(state, config, HealthView.staticView(false), MaintenanceSet.EMPTY,
                IpvsadmOrder.sorted(client.table()), System.nanoTime());
        client.apply(r.ops());
        state = r.state();
        return r;
    }

    private static List<String> ops(CycleResult r) {
        return r.ops().stream().map(IpvsadmSyntax::op).toList();
    }

    @Test
    void firstCycleBuildsTheTableAndTheSecondFindsNothingToDo() throws Exception {
        CycleResult first = cycle();
        assertThat(first.ops()).hasSize(9);
        assertThat(ops(cycle())).isEmpty();
        assertThat(sh("ipvsadm-save", "-n")).contains(
                "-A -t 10.60.0.1:80 -s wlc -p 300 -M 255.255.255.0",
                "-a -t 10.60.0.1:80 -r 10.60.1.2:80 -g -w 3",
                "-a -t 10.60.0.1:80 -r 10.60.1.3:80 -g -w 1",
                "-A -f 5 -s sh",
                "-A -t [2001:db8:60::1]:443 -s rr",
                "-a -t [2001:db8:60::1]:443 -r [2001:db8:60::10]:8443 -m -w 2",
                "-A -u 10.60.0.1:53 -s wrr -o",
                "-a -u 10.60.0.1:53 -r 10.60.1.5:53 -m -w 1");
        assertThat(String.join("\n", sh("ipvsadm", "-Ln", "--thresholds"))).containsPattern("10\\.60\\.1\\.3:80 +50 +5 ");
    }

    @Test
    void handEditsWithIpvsadmAreUndoneWithExactlyTheNeededOps() throws Exception {
        cycle();
        sh("ipvsadm", "-e", "-t", "10.60.0.1:80", "-r", "10.60.1.2:80", "-g", "-w", "9");
        sh("ipvsadm", "-d", "-u", "10.60.0.1:53", "-r", "10.60.1.5:53");
        sh("ipvsadm", "-E", "-f", "5", "-s", "rr");
        sh("ipvsadm", "-a", "-t", "[2001:db8:60::1]:443", "-r", "[2001:db8:60::99]:443", "-m", "-w", "1");
        assertThat(ops(cycle())).containsExactly(
                "-e -t 10.60.0.1:80 -r 10.60.1.2:80 -g -w 3",
                "-E -f 5 -s sh",
                "-d -t [2001:db8:60::1]:443 -r [2001:db8:60::99]:443",
                "-a -u 10.60.0.1:53 -r 10.60.1.5:53 -m -w 1");
        assertThat(ops(cycle())).isEmpty();
    }

    @Test
    void aRestartAdoptsTheTableWithZeroChangesAndStopRemovesOnlyOwnServices() throws Exception {
        sh("ipvsadm", "-A", "-t", "10.60.0.9:25", "-s", "rr");
        sh("ipvsadm", "-a", "-t", "10.60.0.9:25", "-r", "10.60.1.7:25", "-m", "-w", "4");
        cycle();
        List<String> before = sh("ipvsadm-save", "-n");
        state = DirectorState.INITIAL; // a new process
        CycleResult restart = director.cycle(state, config, (v, r) -> RealHealth.PENDING,
                MaintenanceSet.EMPTY, IpvsadmOrder.sorted(client.table()), System.nanoTime());
        assertThat(ops(restart)).isEmpty();
        assertThat(sh("ipvsadm-save", "-n")).isEqualTo(before);

        client.apply(director.stop(restart.state(), config, IpvsadmOrder.sorted(client.table())));
        assertThat(sh("ipvsadm-save", "-n")).containsExactly(
                "-A -t 10.60.0.9:25 -s rr", "-a -t 10.60.0.9:25 -r 10.60.1.7:25 -m -w 4");
    }

    static List<String> sh(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
        return out.lines().toList();
    }
}
