package lvsd.vrrp;

import static lvsd.vrrp.Hex.bytes;
import static lvsd.vrrp.Hex.v4;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import lvsd.vrrp.AdvertCodec.V3Checksum;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Fixtures from vrrp.md §10, which keepalived 2.2.7 was seen to send byte for byte (tests/netns/vrrp_keepalived_test.sh). */
class AdvertCodecTest {
    static final Inet4Address SRC = v4("192.168.200.2");
    static final Inet4Address VIP = v4("192.168.200.16");

    // §10.1 VRRPv2, VRID 51, priority 100, 1 s, no auth, one VIP
    static final byte[] V2_PACKET = bytes(""
            + "45 c0 00 28 00 01 00 00 ff 70 51 e7 c0 a8 c8 02" // IPv4, TOS c0, len 40, id 1, TTL 255, proto 112
            + "e0 00 00 12"                                     // dst 224.0.0.18
            + "21 33 64 01"                                     // v2 type 1 | VRID 51 | priority 100 | 1 address
            + "00 01 f2 10"                                     // auth 0 | interval 1 s | checksum f210
            + "c0 a8 c8 10"                                     // 192.168.200.16
            + "00 00 00 00 00 00 00 00");                       // auth data

    // §10.2 VRRPv3 over IPv4, same, 100 cs, pseudo-header checksum 7873
    static final byte[] V3_PACKET = bytes("""
            45 c0 00 20 00 01 00 00 ff 70 51 ef c0 a8 c8 02
            e0 00 00 12
            31 33 64 01
            00 64 78 73
            c0 a8 c8 10
            """);

    static Advert v2() {
        return new Advert(2, 51, 100, 100, List.of(VIP), 0, new byte[8]);
    }

    static Advert v3() {
        return new Advert(3, 51, 100, 100, List.of(VIP), 0, new byte[0]);
    }

    @Test
    void v2FixtureChecksumIsF210() {
        byte[] m = AdvertCodec.encode(v2(), SRC, AdvertCodec.MCAST_GROUP, V3Checksum.PSEUDO_HEADER);
        assertThat(m).containsExactly(java.util.Arrays.copyOfRange(V2_PACKET, 20, 40));
        assertThat(((m[6] & 0xFF) << 8) | (m[7] & 0xFF)).isEqualTo(0xF210);
    }

    @Test
    void v2FullPacketMatchesKeepalivedIncludingIpHeaderWithId1() {
        byte[] p = AdvertCodec.ipv4(AdvertCodec.encode(v2(), SRC, AdvertCodec.MCAST_GROUP, V3Checksum.PSEUDO_HEADER),
                SRC, AdvertCodec.MCAST_GROUP, 255);
        p[5] = 1; // keepalived's packet had IP ID 1; we send 0 and let the kernel choose
        p[10] = 0;
        p[11] = 0;
        int sum = Checksum.of(p, 0, 20);
        p[10] = (byte) (sum >>> 8);
        p[11] = (byte) sum;
        assertThat(p).containsExactly(V2_PACKET);
    }

    @Test
    void v3PseudoHeaderChecksumIs7873() {
        byte[] m = AdvertCodec.encode(v3(), SRC, AdvertCodec.MCAST_GROUP, V3Checksum.PSEUDO_HEADER);
        assertThat(m).containsExactly(java.util.Arrays.copyOfRange(V3_PACKET, 20, 32));
    }

    @Test
    void v3MessageOnlyChecksumIsE1AD() {
        byte[] m = AdvertCodec.encode(v3(), SRC, AdvertCodec.MCAST_GROUP, V3Checksum.MESSAGE_ONLY);
        assertThat(((m[6] & 0xFF) << 8) | (m[7] & 0xFF)).isEqualTo(0xE1AD);
    }

    @Test
    void decodesV2Fixture() throws Exception {
        Inbound in = AdvertCodec.decode(V2_PACKET, V2_PACKET.length);
        assertThat(in.advert()).isEqualTo(v2());
        assertThat(in.source()).isEqualTo(SRC);
        assertThat(in.multicast()).isTrue();
        assertThat(in.ttl()).isEqualTo(255);
    }

    @Test
    void decodesV3FixtureAndSaysWhichChecksumFormMatched() throws Exception {
        Inbound in = AdvertCodec.decode(V3_PACKET, V3_PACKET.length);
        assertThat(in.advert()).isEqualTo(v3());
        assertThat(in.pseudoHeaderChecksum()).isTrue();
        byte[] asV2 = AdvertCodec.ipv4(AdvertCodec.encode(v3(), SRC, AdvertCodec.MCAST_GROUP, V3Checksum.MESSAGE_ONLY),
                SRC, AdvertCodec.MCAST_GROUP, 255);
        Inbound in2 = AdvertCodec.decode(asV2, asV2.length);
        assertThat(in2.advert()).isEqualTo(v3());
        assertThat(in2.pseudoHeaderChecksum()).isFalse();
    }

    @Test
    void ethernetPaddingAfterThePacketIsTolerated() throws Exception {
        byte[] padded = java.util.Arrays.copyOf(V3_PACKET, 46);
        assertThat(AdvertCodec.decode(padded, padded.length).advert()).isEqualTo(v3());
    }

    @Test
    void v2PasswordTravelsInTheAuthData() throws Exception {
        Advert a = new Advert(2, 7, 150, 200, List.of(VIP), Advert.AUTH_PASS, Advert.passwordBytes("secret12345"));
        byte[] p = AdvertCodec.ipv4(AdvertCodec.encode(a, SRC, AdvertCodec.MCAST_GROUP, V3Checksum.PSEUDO_HEADER),
                SRC, AdvertCodec.MCAST_GROUP, 255);
        assertThat(new String(p, 20 + 12, 8, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("secret12");
        assertThat(AdvertCodec.decode(p, p.length).advert()).isEqualTo(a);
    }

    static Drop dropOf(byte[] p) {
        try {
            AdvertCodec.decode(p, p.length);
            return null;
        } catch (BadPacketException e) {
            return e.reason();
        }
    }

    @Test
    void badChecksumIsDropped() {
        byte[] p = V3_PACKET.clone();
        p[31] ^= 1;
        assertThat(dropOf(p)).isEqualTo(Drop.BAD_CHECKSUM);
        byte[] q = V2_PACKET.clone();
        q[26] ^= 0x40;
        assertThat(dropOf(q)).isEqualTo(Drop.BAD_CHECKSUM);
    }

    @Test
    void truncatedPacketsAreDropped() {
        for (int len = 0; len < V2_PACKET.length; len++) {
            byte[] p = java.util.Arrays.copyOf(V2_PACKET, len);
            assertThat(dropOf(p)).as("length %d", len).isIn(Drop.NOT_VRRP, Drop.TRUNCATED);
        }
    }

    @Test
    void addressCountBeyondThePacketIsTruncated() {
        byte[] p = V3_PACKET.clone();
        p[23] = 2;
        assertThat(dropOf(p)).isEqualTo(Drop.TRUNCATED);
    }

    @Test
    void unknownTypeAndVersionAreDropped() {
        byte[] p = V3_PACKET.clone();
        p[20] = 0x32;
        assertThat(dropOf(p)).isEqualTo(Drop.BAD_TYPE);
        p[20] = 0x41;
        assertThat(dropOf(p)).isEqualTo(Drop.BAD_VERSION);
    }

    @Test
    void otherProtocolIsNotVrrp() {
        byte[] p = V3_PACKET.clone();
        p[9] = 51; // AH
        assertThat(dropOf(p)).isEqualTo(Drop.NOT_VRRP);
    }

    static Advert randomAdvert(Random r) {
        int version = 2 + r.nextInt(2);
        List<Inet4Address> addrs = new ArrayList<>();
        int n = r.nextInt(20);
        for (int i = 0; i < n; i++) {
            addrs.add(AdvertCodec.v4(new byte[] {10, (byte) r.nextInt(256), (byte) r.nextInt(256), (byte) i}));
        }
        if (version == 2) {
            int auth = r.nextBoolean() ? 0 : 1;
            return new Advert(2, 1 + r.nextInt(255), r.nextInt(256), 100 * (1 + r.nextInt(255)), addrs, auth,
                    auth == 0 ? new byte[8] : Advert.passwordBytes(Long.toHexString(r.nextLong())));
        }
        return new Advert(3, 1 + r.nextInt(255), r.nextInt(256), 1 + r.nextInt(4095), addrs, 0, new byte[0]);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 4711})
    void roundTripOfRandomAdverts(long seed) throws Exception {
        Random r = new Random(seed);
        for (int i = 0; i < 300; i++) {
            Advert a = randomAdvert(r);
            Inet4Address dst = r.nextBoolean() ? AdvertCodec.MCAST_GROUP : v4("10.9.8.7");
            V3Checksum form = r.nextBoolean() ? V3Checksum.PSEUDO_HEADER : V3Checksum.MESSAGE_ONLY;
            byte[] p = AdvertCodec.ipv4(AdvertCodec.encode(a, SRC, dst, form), SRC, dst, 255);
            Inbound in = AdvertCodec.decode(p, p.length);
            assertThat(in.advert()).isEqualTo(a);
            assertThat(in.destination()).isEqualTo(dst);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {7, 8, 9})
    void randomAndMutatedBytesOnlyEverRaiseBadPacket(long seed) {
        Random r = new Random(seed);
        int accepted = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] p;
            if (r.nextBoolean()) {
                p = new byte[r.nextInt(80)];
                r.nextBytes(p);
            } else {
                Advert a = randomAdvert(r);
                p = AdvertCodec.ipv4(AdvertCodec.encode(a, SRC, AdvertCodec.MCAST_GROUP, V3Checksum.PSEUDO_HEADER),
                        SRC, AdvertCodec.MCAST_GROUP, 255);
                int flips = 1 + r.nextInt(3);
                for (int f = 0; f < flips; f++) {
                    p[r.nextInt(p.length)] ^= (byte) (1 << r.nextInt(8));
                }
                if (r.nextInt(4) == 0) {
                    p = java.util.Arrays.copyOf(p, r.nextInt(p.length + 1));
                }
            }
            try {
                AdvertCodec.decode(p, p.length);
                accepted++;
            } catch (BadPacketException e) {
                assertThat(e.reason()).isNotNull();
            }
        }
        // a single bit flip almost always breaks the checksum; some flips in the IP header do not
        assertThat(accepted).isLessThan(20_000 / 4);
    }

    @Test
    void invalidAdvertsCannotBeBuilt() {
        assertThatThrownBy(() -> new Advert(3, 1, 100, 100, List.of(VIP), 1, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Advert(2, 1, 100, 150, List.of(VIP), 0, new byte[8]))
                .hasMessageContaining("whole seconds");
        assertThatThrownBy(() -> new Advert(4, 1, 100, 100, List.of(VIP), 0, new byte[0]))
                .hasMessageContaining("version");
    }
}
