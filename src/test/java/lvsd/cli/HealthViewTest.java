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
import lvsd.json.JsonReader;
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

    private DaemonStatusFile statusFile(String backend) throws Exception {
        Path f = dir.resolve("lvsd.test.cf.json");
        Files.writeString(f, "{\"version\":1,\"pid\":" + ProcessHandle.current().pid()
                + ",\"config\":\"/etc/lvsd/test.cf\",\"phase\":\"running\",\"generation\":2,\"backend\":" + backend + "}\n");
        return DaemonStatusFile.read(f);
    }

    @Test
    void eachDestinationLineGainsTheDaemonsVerdictAndIpvsadmColumnsStayAsTheyAre() throws Exception {
        IpvsTable t = table();
        String plain = IpvsadmFormat.list(t, IpvsadmFormat.View.PLAIN);
        DaemonStatusFile d = statusFile("{\"reals\":["
                + "{\"service\":\"-t 192.0.2.10:80\",\"real\":\"10.0.0.2:8080\",\"status\":\"up (weight 1)\"},"
                + "{\"service\":\"-t 192.0.2.10:80\",\"real\":\"10.0.0.3:8080\",\"status\":\"quiesced: connect refused\"}],"
                + "\"vrrp\":\"instance VI_1 state MASTER priority 150\\ncounter VI_1 adverts_received 3\"}");

        String out = HealthView.render(t, plain, d);
        String[] plainLines = plain.split("\n");
        String[] lines = out.split("\n");

        assertThat(lines[0]).isEqualTo(plainLines[0]);
        assertThat(lines[2]).isEqualTo(plainLines[2] + " Health");
        assertThat(lines[4]).isEqualTo(plainLines[4] + " up_(weight_1)");
        assertThat(lines[5]).isEqualTo(plainLines[5] + " quiesced:_connect_refused");
        assertThat(lines[7]).as("a real the daemon does not know").isEqualTo(plainLines[7] + " -");
        assertThat(out).contains("Daemon: lvsd pid " + ProcessHandle.current().pid() + ", config /etc/lvsd/test.cf, running, generation 2")
                .contains("VRRP: instance VI_1 state MASTER priority 150")
                .doesNotContain("adverts_received");
    }

    @Test
    void withoutADaemonTheTableIsShownAndTheAbsenceSaid() throws Exception {
        IpvsTable t = table();
        String plain = IpvsadmFormat.list(t, IpvsadmFormat.View.PLAIN);
        String out = HealthView.render(t, plain, null);
        assertThat(out).contains("no running daemon").contains("  -> 10.0.0.4:53");
    }

    @Test
    void aStatusFileOfADeadProcessIsStale() throws Exception {
        Path f = dir.resolve("lvsd.x.json");
        Files.writeString(f, "{\"pid\":999999999,\"backend\":{}}");
        assertThat(DaemonStatusFile.read(f).alive()).isFalse();
        assertThat(statusFile("{}").alive()).isTrue();
    }

    @Test
    void jsonReaderReadsWhatTheDaemonWrites() {
        Map<?, ?> v = (Map<?, ?>) JsonReader.parse(
                "{\"a\":[1,2.5,-3e2],\"b\":{\"c\":\"x\\\"y\\u0041\\n\"},\"d\":true,\"e\":null}");
        assertThat(v.get("a")).isEqualTo(List.of(1.0, 2.5, -300.0));
        assertThat(v.get("b")).isEqualTo(Map.of("c", "x\"yA\n"));
        assertThat(v.get("d")).isEqualTo(true);
        assertThat(v.containsKey("e")).isTrue();
        assertThat(v.get("e")).isNull();
    }

    @Test
    void jsonReaderErrorsNameTheOffset() {
        assertThatThrownBy(() -> JsonReader.parse("{\"a\":}")).hasMessageContaining("offset 5");
        assertThatThrownBy(() -> JsonReader.parse("[1,2")).hasMessageContaining("expected ']'");
        assertThatThrownBy(() -> JsonReader.parse("{} x")).hasMessageContaining("trailing");
    }
}
