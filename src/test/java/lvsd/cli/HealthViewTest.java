package lvsd.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lvsd.inet.Forwarding;
import lvsd.inet.Protocol;
import lvsd.ipvs.Destination;
import lvsd.ipvs.DestinationState;
import lvsd.ipvs.IpvsInfo;
import lvsd.ipvs.IpvsTable;
import lvsd.ipvs.Service;
import lvsd.ipvs.ServiceKey;
import lvsd.ipvs.ServiceState;
import lvsd.ipvs.Stats;
import lvsd.ipvsadm.IpvsadmFormat;
import lvsd.status.StatusCodec;
import lvsd.status.StatusSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthViewTest {

    @TempDir
    Path dir;

    private static DestinationState dest(String addr, int port, int weight) throws Exception {
        return new DestinationState(new Destination(InetAddress.getByName(addr), port, Forwarding.MASQ, weight, 0, 0),
                0, 0, 0, Stats.ZERO);
    }

    private IpvsTable table() throws Exception {
        ServiceKey web = ServiceKey.of(Protocol.TCP, InetAddress.getByName("192.0.2.10"), 80);
        ServiceKey dns = ServiceKey.of(Protocol.UDP, InetAddress.getByName("192.0.2.10"), 53);
        return new IpvsTable(new IpvsInfo(0x010201, 4096), List.of(
                new ServiceState(Service.of(web, "wlc"), Stats.ZERO,
                        List.of(dest("10.0.0.2", 8080, 1), dest("10.0.0.3", 8080, 0))),
                new ServiceState(Service.of(dns, "rr"), Stats.ZERO, List.of(dest("10.0.0.4", 53, 1)))));
    }

    static StatusSnapshot snapshot(long pid, List<StatusSnapshot.Real> reals, StatusSnapshot.Vrrp vrrp) {
        return new StatusSnapshot(StatusSnapshot.VERSION, new StatusSnapshot.Daemon(pid, "/etc/lvsd/test.cf",
                "2026-12-01T10:00:00Z", "running", "ab12", 2, new StatusSnapshot.Reloads(1, 0),
                new StatusSnapshot.Cycles(7, 0), new StatusSnapshot.KernelChanges(3, 0), 0),
                new StatusSnapshot.Director(1, 0, 0, List.of(new StatusSnapshot.Virtual("-t 192.0.2.10:80", false, reals))),
                StatusSnapshot.Checks.NONE, vrrp);
    }

    private DaemonStatusFile statusFile(StatusSnapshot s) throws Exception {
        Path f = dir.resolve("lvsd.test.cf.json");
        Files.writeString(f, StatusCodec.write(s));
        return DaemonStatusFile.read(f);
    }

    @Test
    void eachDestinationLineGainsTheDaemonsVerdictAndIpvsadmColumnsStayAsTheyAre() throws Exception {
        IpvsTable t = table();
        String plain = IpvsadmFormat.list(t, IpvsadmFormat.View.PLAIN);
        StatusSnapshot.Instance vi1 = new StatusSnapshot.Instance("VI_1", "MASTER", 150, 150, 51, "eth0", false, "",
                List.of(), Map.of("adverts_received", 3L));
        DaemonStatusFile d = statusFile(snapshot(ProcessHandle.current().pid(), List.of(
                new StatusSnapshot.Real("10.0.0.2:8080", "up", 1, false, false),
                new StatusSnapshot.Real("10.0.0.3:8080", "quiesced", 0, false, false)),
                new StatusSnapshot.Vrrp(List.of(vi1), List.of())));

        String out = HealthView.render(t, plain, List.of(new Daemons.Found(d.snapshot(), null, d.path())));
        String[] plainLines = plain.split("\n");
        String[] lines = out.split("\n");

        assertThat(lines[0]).isEqualTo(plainLines[0]);
        assertThat(lines[2]).isEqualTo(plainLines[2] + " Health");
        assertThat(lines[4]).isEqualTo(plainLines[4] + " up_(weight_1)");
        assertThat(lines[5]).isEqualTo(plainLines[5] + " quiesced");
        assertThat(lines[7]).as("a real the daemon does not know").isEqualTo(plainLines[7] + " -");
        assertThat(out).contains("Daemon: lvsd pid " + ProcessHandle.current().pid() + ", config /etc/lvsd/test.cf, running,"
                        + " generation 2, reloads 1 applied 0 rejected, since 2026-12-01T10:00:00Z (status file "
                        + d.path() + ")")
                .contains("VRRP: instance VI_1 state MASTER priority 150 base 150 vrid 51 iface eth0 fault no")
                .doesNotContain("adverts_received");
    }

    @Test
    void withoutADaemonTheTableIsShownAndTheAbsenceSaid() throws Exception {
        IpvsTable t = table();
        String plain = IpvsadmFormat.list(t, IpvsadmFormat.View.PLAIN);
        String out = HealthView.render(t, plain, List.of());
        assertThat(out).contains("no daemon runs").contains("  -> 10.0.0.4:53");
    }

    @Test
    void aStatusFileOfADeadProcessIsStale() throws Exception {
        Path f = dir.resolve("lvsd.x.json");
        Files.writeString(f, StatusCodec.write(snapshot(999_999_999, List.of(), null)));
        assertThat(DaemonStatusFile.read(f).alive()).isFalse();
        assertThat(statusFile(snapshot(ProcessHandle.current().pid(), List.of(), null)).alive()).isTrue();
    }

    @Test
    void aFileThatIsNotAStatusDocumentIsRefusedNamingTheFile() throws Exception {
        Path f = dir.resolve("lvsd.bad.json");
        Files.writeString(f, "{\"version\":2,\"daemon\":");
        assertThatThrownBy(() -> DaemonStatusFile.read(f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(f + ": not a status document");
        Files.writeString(f, "{\"version\":1,\"pid\":1,\"backend\":{}}");
        assertThatThrownBy(() -> DaemonStatusFile.read(f)).as("version 1 has no daemon member")
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theLiveStatusFileIsFoundInRunAndInTheUnitsRuntimeDirectories() throws Exception {
        Path run = Files.createDirectories(dir.resolve("run"));
        assertThat(DaemonStatusFile.allUnder(run)).isEmpty();
        Path instance = Files.createDirectories(run.resolve("lvsd@web"));
        Files.writeString(instance.resolve("lvsd.json"), StatusCodec.write(snapshot(ProcessHandle.current().pid(), List.of(), null)));
        assertThat(DaemonStatusFile.allUnder(run)).as("lvsd@web.service's file")
                .extracting(DaemonStatusFile::path).containsExactly(instance.resolve("lvsd.json"));
        Files.createDirectories(run.resolve("lvsd"));
        Files.move(instance.resolve("lvsd.json"), run.resolve("lvsd/lvsd.json"));
        assertThat(DaemonStatusFile.allUnder(run)).as("lvsd.service's file")
                .extracting(DaemonStatusFile::path).containsExactly(run.resolve("lvsd/lvsd.json"));
        Files.writeString(run.resolve("lvsd/lvsd.json"), StatusCodec.write(snapshot(Integer.MAX_VALUE - 1, List.of(), null)));
        assertThat(DaemonStatusFile.allUnder(run)).as("a dead daemon's file is not live").isEmpty();
    }

    @Test
    void reloadFindsTheUnitsPidFileByTheConfigItsDaemonRuns() throws Exception {
        Path run = Files.createDirectories(dir.resolve("run"));
        Path web = Files.createDirectories(run.resolve("lvsd@web"));
        Path other = Files.createDirectories(run.resolve("lvsd"));
        long me = ProcessHandle.current().pid();
        Files.writeString(web.resolve("lvsd.json"), StatusCodec.write(snapshot(me, List.of(), null)));
        Files.writeString(other.resolve("lvsd.json"), StatusCodec.write(
                snapshot(me, List.of(), null)).replace("/etc/lvsd/test.cf", "/etc/lvsd/other.cf"));
        assertThat(DaemonStatusFile.unitPidFileFor(run, Path.of("/etc/lvsd/test.cf"))).contains(web.resolve("lvsd.pid"));
        assertThat(DaemonStatusFile.unitPidFileFor(run, Path.of("/etc/lvsd/other.cf")))
                .contains(other.resolve("lvsd.pid"));
        assertThat(DaemonStatusFile.unitPidFileFor(run, Path.of("/etc/lvsd/third.cf"))).as("no daemon runs it").isEmpty();
        Files.writeString(web.resolve("lvsd.json"), StatusCodec.write(snapshot(Integer.MAX_VALUE - 1, List.of(), null)));
        assertThat(DaemonStatusFile.unitPidFileFor(run, Path.of("/etc/lvsd/test.cf"))).as("its daemon is dead").isEmpty();
    }

    @Test
    void eachDaemonShowsItsFallbacksChecksWithLatencyAndWhatTheTrackersTakeOffThePriority() throws Exception {
        IpvsTable t = table();
        String plain = IpvsadmFormat.list(t, IpvsadmFormat.View.PLAIN);
        StatusSnapshot.Instance vi1 = new StatusSnapshot.Instance("VI_1", "BACKUP", 130, 150, 51, "eth0", false, "",
                List.of(new StatusSnapshot.Tracker("interface", "eth1", 0, true, 0),
                        new StatusSnapshot.Tracker("script", "chk_web", -20, false, -20)), Map.of());
        StatusSnapshot web = snapshot(11, List.of(new StatusSnapshot.Real("10.0.0.2:8080", "up", 1, false, false)),
                new StatusSnapshot.Vrrp(List.of(vi1), List.of()));
        StatusSnapshot.Checks checks = new StatusSnapshot.Checks(1, 1, 0, new StatusSnapshot.Runs(9, 9, 0), List.of(
                new StatusSnapshot.Check("tcp:192.0.2.10:80 10.0.0.2:8080", "10.0.0.2:8080", "http", "up", "HTTP 200",
                        "2026-12-01T10:00:02Z", "up", 1.843, "2026-12-01T10:09:58Z")));
        web = new StatusSnapshot(web.version(), web.daemon(), web.director(), checks, web.vrrp());
        StatusSnapshot dns = new StatusSnapshot(StatusSnapshot.VERSION, new StatusSnapshot.Daemon(12,
                "/etc/lvsd/dns.cf", "2026-12-01T10:00:00Z", "running", "cd34", 1, new StatusSnapshot.Reloads(0, 2),
                new StatusSnapshot.Cycles(3, 0), new StatusSnapshot.KernelChanges(1, 0), 0),
                new StatusSnapshot.Director(1, 0, 0, List.of(new StatusSnapshot.Virtual("-u 192.0.2.10:53", true,
                        List.of(new StatusSnapshot.Real("10.0.0.4:53", "fallback", 1, true, false))))),
                StatusSnapshot.Checks.NONE, null);

        String out = HealthView.render(t, plain, List.of(new Daemons.Found(web, Path.of("/run/lvsd/test.cf.sock"), null),
                new Daemons.Found(dns, Path.of("/run/lvsd/dns.cf.sock"), null)));
        String[] lines = out.split("\n");

        assertThat(lines[4]).as("the web daemon's real").endsWith(" up_(weight_1)");
        assertThat(lines[7]).as("the dns daemon's fallback").endsWith(" fallback_(weight_1)");
        assertThat(out).contains("  Check: tcp:192.0.2.10:80 10.0.0.2:8080 http up, last run up in 1.8 ms at"
                        + " 2026-12-01T10:09:58Z, up since 2026-12-01T10:00:02Z (HTTP 200)\n")
                .contains("VRRP: instance VI_1 state BACKUP priority 130 base 150 vrid 51 iface eth0 fault no;"
                        + " priority 130 = base 150 - 20 script chk_web (down)\n")
                .contains("Daemon: lvsd pid 12, config /etc/lvsd/dns.cf, running, generation 1, reloads 0 applied 2"
                        + " rejected, since 2026-12-01T10:00:00Z (socket /run/lvsd/dns.cf.sock)\n"
                        + "  Fallback: -u 192.0.2.10:53 has no real up and serves from its fallback server\n")
                .doesNotContain("\u001b[");
        assertThat(HealthView.render(t, plain, List.of(new Daemons.Found(web, null, dir)), HealthView.Colour.ANSI))
                .contains(" \u001b[32mup_(weight_1)\u001b[0m\n").contains(" http \u001b[32mup\u001b[0m, last run").contains("state BACKUP priority 130");
    }
}
