package lvsd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import lvsd.inet.Addresses;
import lvsd.inet.Family;
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
import lvsd.status.StatusCodec;
import lvsd.status.StatusSnapshot;
import org.junit.jupiter.api.Test;

class StatusJsonTest {
    static final String ZERO = "{\"conns\":0,\"inPackets\":0,\"outPackets\":0,\"inBytes\":0,\"outBytes\":0,\"cps\":0,"
            + "\"inPps\":0,\"outPps\":0,\"inBps\":0,\"outBps\":0}";

    @Test
    void documentedExampleIsWhatIsPrinted() {
        ServiceKey web = ServiceKey.of(Protocol.TCP, Addresses.parse("192.168.1.1"), 80);
        IpvsTable t = new IpvsTable(new IpvsInfo(0x010201, 4096), List.of(
                new ServiceState(Service.of(web, "wrr").withPersistence(300, 0xFFFFFF00), Stats.ZERO, List.of(
                        new DestinationState(new Destination(Addresses.parse("10.0.0.2"), 80, Forwarding.MASQ, 4, 10, 2),
                                0, 0, 0, Stats.ZERO))),
                new ServiceState(Service.of(ServiceKey.ofFwmark(Family.INET6, 7), "sh").withFlags(Service.F_SCHED2),
                        Stats.ZERO, List.of())));
        assertThat(StatusJson.render(t)).isEqualTo("{\"schema\":\"lvsd.status/1\",\"ipvs\":{\"version\":\"1.2.1\","
                + "\"connTableSize\":4096},\"services\":[\n"
                + "{\"family\":\"inet\",\"protocol\":\"tcp\",\"address\":\"192.168.1.1\",\"port\":80,\"scheduler\":\"wrr\","
                + "\"flags\":1,\"schedulerFlags\":\"\",\"onePacket\":false,\"persistent\":true,\"persistenceTimeout\":300,"
                + "\"netmask\":\"255.255.255.0\",\"pe\":\"\",\"stats\":" + ZERO + ",\"destinations\":[\n"
                + "  {\"address\":\"10.0.0.2\",\"port\":80,\"forwarding\":\"masq\",\"weight\":4,\"upperThreshold\":10,"
                + "\"lowerThreshold\":2,\"activeConns\":0,\"inactiveConns\":0,\"persistentConns\":0,\"stats\":" + ZERO
                + "}]},\n"
                + "{\"family\":\"inet6\",\"fwmark\":7,\"scheduler\":\"sh\",\"flags\":16,\"schedulerFlags\":\"sh-port\","
                + "\"onePacket\":false,\"persistent\":false,\"persistenceTimeout\":0,\"netmask\":\"128\",\"pe\":\"\","
                + "\"stats\":" + ZERO + ",\"destinations\":[]}\n"
                + "]}\n");
    }

    @Test
    void emptyTable() {
        assertThat(StatusJson.render(new IpvsTable(new IpvsInfo(0x010201, 4096), List.of())))
                .isEqualTo("{\"schema\":\"lvsd.status/1\",\"ipvs\":{\"version\":\"1.2.1\",\"connTableSize\":4096},"
                        + "\"services\":[]}\n");
    }

    @Test
    void unsignedCountersStayUnsigned() {
        ServiceKey k = ServiceKey.of(Protocol.UDP, Addresses.parse("::1"), 53);
        Stats huge = new Stats(-1, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        String json = StatusJson.render(new IpvsTable(new IpvsInfo(0x010201, 4096),
                List.of(new ServiceState(Service.of(k, "rr"), huge, List.of()))));
        assertThat(json).contains("\"conns\":18446744073709551615").contains("\"address\":\"::1\"");
    }

    @Test
    void twoDestinationsEachStartAnIndentedLine() {
        ServiceKey web = ServiceKey.of(Protocol.TCP, Addresses.parse("192.168.1.1"), 80);
        IpvsTable t = new IpvsTable(new IpvsInfo(0x010201, 4096), List.of(new ServiceState(Service.of(web, "rr"),
                Stats.ZERO, List.of(
                        new DestinationState(Destination.of(Addresses.parse("10.0.0.2"), 80, Forwarding.ROUTE, 1),
                                5, 6, 7, Stats.ZERO),
                        new DestinationState(Destination.of(Addresses.parse("10.0.0.3"), 80, Forwarding.ROUTE, 0),
                                0, 0, 0, Stats.ZERO)))));
        String json = StatusJson.render(t);
        assertThat(json).contains(",\"destinations\":[\n  {\"address\":\"10.0.0.2\",\"port\":80,\"forwarding\":\"route\","
                        + "\"weight\":1,\"upperThreshold\":0,\"lowerThreshold\":0,\"activeConns\":5,\"inactiveConns\":6,"
                        + "\"persistentConns\":7,\"stats\":" + ZERO + "},\n  {\"address\":\"10.0.0.3\"")
                .endsWith("}]}\n]}\n");
    }

    @Test
    void withHealthTheDaemonsSnapshotsFollowTheServicesCompactOrNull() {
        IpvsTable empty = new IpvsTable(new IpvsInfo(0x010201, 4096), List.of());
        StatusSnapshot daemon = HealthViewTest.snapshot(7, List.of(
                new StatusSnapshot.Real("10.0.0.2:80", "up", 1, false, false),
                new StatusSnapshot.Real("10.0.0.3:80", "pending", 0, false, false)), null);
        StatusSnapshot other = HealthViewTest.snapshot(8, List.of(), null);
        String one = StatusCodec.write(daemon).strip();
        assertThat(StatusJson.render(empty, List.of(daemon, other)))
                .isEqualTo("{\"schema\":\"lvsd.status/1\",\"ipvs\":{\"version\":\"1.2.1\",\"connTableSize\":4096},"
                        + "\"services\":[],\"daemon\":" + one + ",\"daemons\":[\n" + one + ",\n"
                        + StatusCodec.write(other).strip() + "\n]}\n");
        assertThat(StatusJson.render(empty, List.of())).endsWith("\"services\":[],\"daemon\":null,\"daemons\":[]}\n");
        assertThat(StatusJson.render(empty, null)).isEqualTo(StatusJson.render(empty));
    }
}
