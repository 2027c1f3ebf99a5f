package lvsd.ipvs;

import static lvsd.ipvs.KernelHelper.run;
import static lvsd.ipvs.KernelHelper.sh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import lvsd.inet.Addresses;
import lvsd.inet.Forwarding;
import lvsd.inet.Protocol;
import lvsd.ipvsadm.IpvsadmFormat;
import lvsd.ipvsadm.IpvsadmOrder;
import lvsd.ipvsadm.RestoreParser;
import lvsd.netlink.GenlFamily;
import lvsd.netlink.Hex;
import lvsd.netlink.Message;
import lvsd.netlink.NetlinkException;
import lvsd.netlink.NetlinkSocket;
import lvsd.netlink.sys.NetlinkFd;
import lvsd.netlink.Nl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The IPVS client against the real kernel in the test VM, cross-checked with ipvsadm both ways. */
@Tag("kernel")
class IpvsKernelTest {
    static IpvsClient ipvs;

    @BeforeAll
    static void setUp() throws Exception {
        KernelHelper.createDummy();
        ipvs = IpvsClient.open();
    }

    @AfterAll
    static void tearDown() throws Exception {
        ipvs.flush();
        ipvs.setTimeouts(new Timeouts(900, 120, 300));
        ipvs.close();
        KernelHelper.deleteDummy();
    }

    @BeforeEach
    void emptyTable() throws Exception {
        sh("ipvsadm", "-C");
    }

    private static byte[] patch(byte[] msg, int familyId, int seq) {
        ByteBuffer b = ByteBuffer.wrap(msg).order(ByteOrder.nativeOrder());
        b.putShort(4, (short) familyId);
        b.putInt(8, seq);
        return msg;
    }

    @Test
    void workedExamplesAreAnsweredByTheKernelAsDocumented() throws Exception {
        try (NetlinkSocket s = NetlinkFd.socket(Nl.NETLINK_GENERIC)) {
            // example A: the reply starts with cmd NEWFAMILY v2 and the name attribute, then the id
            List<Message> replies = s.request(Hex.bytes(lvsd.netlink.MessageBuilderTestFixtures.GETFAMILY_IPVS));
            Message reply = replies.get(0);
            assertThat(reply.type()).isEqualTo(Nl.GENL_ID_CTRL);
            assertThat(Hex.of(java.util.Arrays.copyOf(reply.payload(), 20)))
                    .isEqualTo("01 02 00 00 09 00 02 00 49 50 56 53 00 00 00 00 06 00 01 00");
            int familyId = GenlFamily.parse(reply).id();
            assertThat(familyId).isEqualTo(ipvs.familyId()).isGreaterThanOrEqualTo(0x13);

            // examples B and C, byte for byte with the family id patched in, are acknowledged
            s.request(patch(Hex.bytes(IpvsCodecTest.NEW_SERVICE), familyId, 0));
            s.request(patch(Hex.bytes(IpvsCodecTest.NEW_DEST), familyId, 0));
            String listing = sh("ipvsadm", "-Ln");
            assertThat(listing).contains("TCP  192.168.1.1:80 wrr\n")
                    .contains("  -> 10.0.0.2:80                  Route   1      0          0         \n");

            // repeating B: EEXIST
            assertThatThrownBy(() -> s.request(patch(Hex.bytes(IpvsCodecTest.NEW_SERVICE), familyId, 0)))
                    .isInstanceOfSatisfying(NetlinkException.class, e -> {
                        assertThat(e.errno()).isEqualTo(Nl.EEXIST);
                        assertThat(e.fromKernel()).isTrue();
                    });
        }
    }

    @Test
    void infoReportsVersionAndTableSize() throws Exception {
        IpvsInfo info = ipvs.info();
        assertThat(info.version()).isEqualTo(0x010201);
        assertThat(sh("ipvsadm", "-Ln")).startsWith("IP Virtual Server version 1.2.1 (size="
                + info.connTableSize() + ")\n");
    }

    @Test
    void tableBuiltByIpvsadmIsReadBackExactly() throws Exception {
        run(KernelHelper.richRules(), "ipvsadm-restore");
        IpvsTable t = IpvsadmOrder.sorted(ipvs.table());
        assertThat(IpvsadmFormat.list(t, IpvsadmFormat.View.PLAIN)).isEqualTo(sh("ipvsadm", "-Ln"));
        assertThat(IpvsadmFormat.list(t, IpvsadmFormat.View.STATS)).isEqualTo(sh("ipvsadm", "-Ln", "--stats"));
        assertThat(IpvsadmFormat.list(t, IpvsadmFormat.View.RATE)).isEqualTo(sh("ipvsadm", "-Ln", "--rate"));
        assertThat(IpvsadmFormat.save(t)).isEqualTo(sh("ipvsadm-save", "-n"));
        // thresholds are in neither view: check them against what the rules set
        ServiceState web = t.find(ServiceKey.of(Protocol.TCP, Addresses.parse("192.168.1.1"), 80)).orElseThrow();
        assertThat(web.destinations()).anySatisfy(d -> {
            assertThat(d.destination().port()).isEqualTo(8080);
            assertThat(d.destination().upperThreshold()).isEqualTo(100);
            assertThat(d.destination().lowerThreshold()).isEqualTo(10);
        });
        // the parsed records equal what the rules describe, operation for operation
        List<IpvsOp> fromKernel = new ArrayList<>();
        for (ServiceState s : t.services()) {
            fromKernel.add(new IpvsOp.AddService(s.service()));
            s.destinations().forEach(d -> fromKernel.add(new IpvsOp.AddDestination(s.key(), d.destination())));
        }
        assertThat(fromKernel).containsExactlyInAnyOrderElementsOf(RestoreParser.parse(KernelHelper.richRules()));
    }

    @Test
    void tableWrittenByLvsdIsListedIdenticallyByIpvsadm() throws Exception {
        run(KernelHelper.richRules(), "ipvsadm-restore");
        String save = sh("ipvsadm-save", "-n");
        String list = sh("ipvsadm", "-Ln");
        String thresholds = sh("ipvsadm", "-Ln", "--thresholds");
        sh("ipvsadm", "-C");
        ipvs.apply(RestoreParser.parse(KernelHelper.richRules()));
        assertThat(sh("ipvsadm-save", "-n")).isEqualTo(save);
        assertThat(sh("ipvsadm", "-Ln")).isEqualTo(list);
        assertThat(sh("ipvsadm", "-Ln", "--thresholds")).isEqualTo(thresholds);
    }

    @Test
    void editsAndDeletesTakeEffect() throws Exception {
        ipvs.apply(RestoreParser.parse("""
                -A -t 10.99.0.1:80 -s rr
                -a -t 10.99.0.1:80 -r 10.99.0.2:80 -m -w 1
                -a -t 10.99.0.1:80 -r 10.99.0.3:80 -m -w 1
                -E -t 10.99.0.1:80 -s wlc -p 600
                -e -t 10.99.0.1:80 -r 10.99.0.2:80 -i -w 0
                -d -t 10.99.0.1:80 -r 10.99.0.3:80
                -A -u 10.99.0.1:53 -s rr
                -D -u 10.99.0.1:53
                """));
        assertThat(sh("ipvsadm-save", "-n")).isEqualTo("""
                -A -t 10.99.0.1:80 -s wlc -p 600
                -a -t 10.99.0.1:80 -r 10.99.0.2:80 -i -w 0 --tun-type ipip
                """);
    }

    @Test
    void errorsUsersMeetAreExplainedInPlainWords() throws Exception {
        ServiceKey key = ServiceKey.of(Protocol.TCP, Addresses.parse("10.99.0.1"), 80);
        Destination d = Destination.of(Addresses.parse("10.99.0.2"), 80, Forwarding.MASQ, 1);
        ipvs.apply(List.of(new IpvsOp.AddService(Service.of(key, "rr")), new IpvsOp.AddDestination(key, d)));

        assertThatThrownBy(() -> ipvs.apply(new IpvsOp.AddService(Service.of(key, "rr"))))
                .isInstanceOfSatisfying(IpvsException.class, e -> {
                    assertThat(e.kind()).isEqualTo(IpvsException.Kind.EXISTS);
                    assertThat(e.getMessage()).isEqualTo("service already exists: -t 10.99.0.1:80");
                });
        assertThatThrownBy(() -> ipvs.apply(new IpvsOp.AddDestination(key, d)))
                .hasMessage("destination already exists: -t 10.99.0.1:80 -r 10.99.0.2:80");
        ServiceKey missing = ServiceKey.of(Protocol.TCP, Addresses.parse("10.99.0.9"), 80);
        assertThatThrownBy(() -> ipvs.apply(new IpvsOp.DeleteService(missing)))
                .isInstanceOfSatisfying(IpvsException.class, e -> {
                    assertThat(e.kind()).isEqualTo(IpvsException.Kind.NO_SUCH_SERVICE);
                    assertThat(e.getMessage()).isEqualTo("no such service: -t 10.99.0.9:80");
                });
        assertThatThrownBy(() -> ipvs.apply(new IpvsOp.DeleteDestination(key, Addresses.parse("10.99.0.7"), 80)))
                .isInstanceOfSatisfying(IpvsException.class, e -> {
                    assertThat(e.kind()).isEqualTo(IpvsException.Kind.NO_SUCH_DESTINATION);
                    assertThat(e.getMessage()).isEqualTo("no such destination: -t 10.99.0.1:80 -r 10.99.0.7:80");
                });
        assertThatThrownBy(() -> ipvs.apply(new IpvsOp.AddService(Service.of(missing, "bogus"))))
                .isInstanceOfSatisfying(IpvsException.class, e -> {
                    assertThat(e.kind()).isEqualTo(IpvsException.Kind.UNKNOWN_SCHEDULER);
                    assertThat(e.getMessage()).startsWith("unknown scheduler 'bogus'");
                });
        assertThat(sh("ipvsadm", "-Ln")).doesNotContain("10.99.0.9");
    }

    @Test
    void aFailedOperationInABatchDoesNotStopTheOthers() throws Exception {
        ServiceKey a = ServiceKey.of(Protocol.TCP, Addresses.parse("10.99.0.1"), 80);
        ServiceKey b = ServiceKey.of(Protocol.TCP, Addresses.parse("10.99.0.1"), 81);
        List<IpvsException> results = ipvs.applyEach(List.of(new IpvsOp.AddService(Service.of(a, "rr")),
                new IpvsOp.AddService(Service.of(a, "rr")), new IpvsOp.AddService(Service.of(b, "rr"))));
        assertThat(results.get(0)).isNull();
        assertThat(results.get(1)).isNotNull().extracting(IpvsException::kind).isEqualTo(IpvsException.Kind.EXISTS);
        assertThat(results.get(2)).isNull();
        assertThat(ipvs.services()).extracting(ServiceState::key).containsExactlyInAnyOrder(a, b);
    }

    @Test
    void tenThousandDestinationsLoadInBatches() throws Exception {
        List<IpvsOp> ops = new ArrayList<>();
        for (int s = 0; s < 1000; s++) {
            ServiceKey key = ServiceKey.of(Protocol.TCP, Addresses.parse("172.16." + (s / 250) + "." + (s % 250 + 1)),
                    80);
            ops.add(new IpvsOp.AddService(Service.of(key, "wlc")));
            for (int d = 0; d < 10; d++) {
                ops.add(new IpvsOp.AddDestination(key,
                        Destination.of(Addresses.parse("10.99." + (s / 200) + "." + (s % 200 + d)), 80,
                                Forwarding.ROUTE, 1)));
            }
        }
        ipvs.apply(ops);
        assertThat(sh("ipvsadm-save", "-n").lines().count()).isEqualTo(11_000);
        IpvsTable t = IpvsadmOrder.sorted(ipvs.table());
        assertThat(t.services()).hasSize(1000).allSatisfy(s -> assertThat(s.destinations()).hasSize(10));
        assertThat(IpvsadmFormat.save(t)).isEqualTo(sh("ipvsadm-save", "-n"));
    }

    @Test
    void timeoutsRoundTripWithIpvsadm() throws Exception {
        ipvs.setTimeouts(new Timeouts(1000, 60, 45));
        assertThat(sh("ipvsadm", "-L", "--timeout")).isEqualTo("Timeout (tcp tcpfin udp): 1000 60 45\n");
        sh("ipvsadm", "--set", "900", "120", "300");
        assertThat(ipvs.timeouts()).isEqualTo(new Timeouts(900, 120, 300));
    }

    @Test
    void syncDaemonStartsListsAndStops() throws Exception {
        ipvs.startDaemon(SyncDaemon.of(SyncDaemon.Role.MASTER, "lvsdk0", 7));
        try {
            assertThat(sh("ipvsadm", "-Ln", "--daemon")).startsWith("master sync daemon (mcast=lvsdk0, syncid=7");
            List<SyncDaemon> daemons = ipvs.daemons();
            assertThat(daemons).hasSize(1);
            assertThat(daemons.get(0).role()).isEqualTo(SyncDaemon.Role.MASTER);
            assertThat(daemons.get(0).interfaceName()).isEqualTo("lvsdk0");
            assertThat(daemons.get(0).syncId()).isEqualTo(7);
            assertThatThrownBy(() -> ipvs.startDaemon(SyncDaemon.of(SyncDaemon.Role.MASTER, "lvsdk0", 7)))
                    .isInstanceOf(IpvsException.class);
        } finally {
            ipvs.stopDaemon(SyncDaemon.Role.MASTER);
        }
        assertThat(ipvs.daemons()).isEmpty();
        assertThat(sh("ipvsadm", "-Ln", "--daemon")).isEmpty();
    }
}
