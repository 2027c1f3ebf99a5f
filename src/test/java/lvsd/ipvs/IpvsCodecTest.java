package lvsd.ipvs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import lvsd.inet.Addresses;
import lvsd.inet.Family;
import lvsd.inet.Forwarding;
import lvsd.inet.Protocol;
import lvsd.netlink.Hex;
import lvsd.netlink.Message;
import lvsd.netlink.MessageBuilder;
import lvsd.netlink.Nl;
import org.junit.jupiter.api.Test;

class IpvsCodecTest {
    /** ipvs-netlink.md example B, NEW_SERVICE TCP 192.168.1.1:80 wrr, family id 0x24, seq 0. */
    static final String NEW_SERVICE = """
            68 00 00 00 24 00 05 00 00 00 00 00 00 00 00 00   # len 104, family 0x24, REQUEST|ACK, seq 0
            01 01 00 00                                       # cmd NEW_SERVICE, version 1
            54 00 01 80                                       # SERVICE nest, len 84
            06 00 01 00 02 00 00 00                           # AF_INET
            06 00 02 00 06 00 00 00                           # PROTOCOL TCP
            14 00 03 00 c0 a8 01 01 00 00 00 00 00 00 00 00 00 00 00 00   # ADDR 192.168.1.1 (16 bytes)
            06 00 04 00 00 50 00 00                           # PORT 80 big-endian
            08 00 06 00 77 72 72 00                           # SCHED_NAME "wrr"
            0c 00 07 00 00 00 00 00 ff ff ff ff               # FLAGS {0, mask all}
            08 00 08 00 00 00 00 00                           # TIMEOUT 0
            08 00 09 00 ff ff ff ff                           # NETMASK 255.255.255.255
            """;

    /** Example C, NEW_DEST 10.0.0.2:80 gate weight 1 into the service above. */
    static final String NEW_DEST = """
            8c 00 00 00 24 00 05 00 00 00 00 00 00 00 00 00   # len 140
            05 01 00 00                                       # cmd NEW_DEST
            30 00 01 80                                       # SERVICE nest, identity only
            06 00 01 00 02 00 00 00
            06 00 02 00 06 00 00 00
            14 00 03 00 c0 a8 01 01 00 00 00 00 00 00 00 00 00 00 00 00
            06 00 04 00 00 50 00 00
            48 00 02 80                                       # DEST nest, len 72
            14 00 01 00 0a 00 00 02 00 00 00 00 00 00 00 00 00 00 00 00   # ADDR 10.0.0.2
            06 00 02 00 00 50 00 00                           # PORT 80
            08 00 03 00 03 00 00 00                           # FWD_METHOD DROUTE
            08 00 04 00 01 00 00 00                           # WEIGHT 1
            08 00 05 00 00 00 00 00                           # U_THRESH
            08 00 06 00 00 00 00 00                           # L_THRESH
            06 00 0b 00 02 00 00 00                           # ADDR_FAMILY AF_INET
            """;

    static final ServiceKey KEY = ServiceKey.of(Protocol.TCP, Addresses.parse("192.168.1.1"), 80);

    @Test
    void newServiceMatchesWorkedExampleB() {
        byte[] m = new IpvsCodec(0x24).encode(new IpvsOp.AddService(Service.of(KEY, "wrr")));
        assertThat(Hex.of(m)).isEqualTo(Hex.of(Hex.bytes(NEW_SERVICE)));
    }

    @Test
    void newDestMatchesWorkedExampleC() {
        byte[] m = new IpvsCodec(0x24).encode(new IpvsOp.AddDestination(KEY,
                Destination.of(Addresses.parse("10.0.0.2"), 80, Forwarding.ROUTE, 1)));
        assertThat(Hex.of(m)).isEqualTo(Hex.of(Hex.bytes(NEW_DEST)));
    }

    @Test
    void persistentVariantCarriesFlagTimeoutAndMask() {
        Service s = Service.of(KEY, "wrr").withPersistence(300, 0xFFFFFF00);
        String hex = Hex.of(new IpvsCodec(0x24).encode(new IpvsOp.AddService(s)));
        assertThat(hex).contains("0c 00 07 00 01 00 00 00 ff ff ff ff")
                .contains("08 00 08 00 2c 01 00 00")
                .contains("08 00 09 00 ff ff ff 00");
    }

    @Test
    void parsesAServiceReplyWith64BitStatsPreferredOver32Bit() throws Exception {
        byte[] reply = MessageBuilder.genl(0x24, Nl.F_MULTI, 1, 1)
                .begin(1)
                .u16(1, 10).u16(2, 17).bytes(3, Addresses.parse("2001:db8::1").getAddress()).u16be(4, 53)
                .string(6, "sh")
                .bytes(7, new byte[] {0x13, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff})
                .u32(8, 100).u32(9, 64)
                .begin(10).u32(1, 7).end()
                .begin(12).u64(1, 5_000_000_000L).u64(4, 1L << 40).end()
                .u32(99, 1) // unknown attribute from a newer kernel
                .end().build();
        ServiceState st = IpvsCodec.parseService(Message.parseAll(reply, reply.length).get(0));
        Service s = st.service();
        assertThat(s.key()).isEqualTo(ServiceKey.of(Protocol.UDP, Addresses.parse("2001:db8::1"), 53));
        assertThat(s.scheduler()).isEqualTo("sh");
        assertThat(s.flags()).isEqualTo(Service.F_PERSISTENT | Service.F_SCHED2); // HASHED dropped
        assertThat(s.timeout()).isEqualTo(100);
        assertThat(s.netmask()).isEqualTo(64);
        assertThat(st.stats().conns()).isEqualTo(5_000_000_000L);
        assertThat(st.stats().inBytes()).isEqualTo(1L << 40);
    }

    @Test
    void destinationFallsBackToTheServiceFamilyWithoutAddrFamily() throws Exception {
        byte[] reply = MessageBuilder.genl(0x24, Nl.F_MULTI, 5, 1)
                .begin(2).bytes(1, new byte[] {10, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}).u16be(2, 8080)
                .u32(3, 0).u32(4, 3).u32(5, 10).u32(6, 2).u32(7, 4).u32(8, 5).u32(9, 6)
                .end().build();
        DestinationState d = IpvsCodec.parseDestination(Message.parseAll(reply, reply.length).get(0), Family.INET);
        assertThat(d.destination()).isEqualTo(new Destination(Addresses.parse("10.0.0.9"), 8080, Forwarding.MASQ, 3,
                10, 2));
        assertThat(List.of(d.activeConns(), d.inactiveConns(), d.persistentConns())).containsExactly(4L, 5L, 6L);
    }
}
