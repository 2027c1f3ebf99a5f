package lvsd.vrrp;

import static lvsd.vrrp.Hex.v4;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdvertFilterTest {
    static final Inet4Address VIP = v4("10.0.0.100");
    static final Inet4Address PEER = v4("10.0.0.1");
    static final AdvertFilter V2_PASS = new AdvertFilter(2, 100, List.of(VIP), "secret", List.of(), false);
    static final AdvertFilter V3 = new AdvertFilter(3, 100, List.of(VIP), null, List.of(), false);
    static final AdvertFilter V3_UNICAST = new AdvertFilter(3, 100, List.of(VIP), null, List.of(PEER), false);

    static Inbound v2(int prio, int auth, String pass, int intervalCs, List<Inet4Address> vips, int ttl) {
        Advert a = new Advert(2, 1, prio, intervalCs, vips, auth, Advert.passwordBytes(pass));
        return new Inbound(PEER, AdvertCodec.MCAST_GROUP, ttl, a, false);
    }

    static Inbound v3(int prio, Inet4Address src, Inet4Address dst, int ttl) {
        return new Inbound(src, dst, ttl, new Advert(3, 1, prio, 100, List.of(VIP), 0, new byte[0]), true);
    }

    @Test
    void goodAdvertsPass() {
        assertThat(V2_PASS.check(v2(100, 1, "secret", 100, List.of(VIP), 255))).isNull();
        assertThat(V3.check(v3(100, PEER, AdvertCodec.MCAST_GROUP, 255))).isNull();
        assertThat(V3_UNICAST.check(v3(100, PEER, v4("10.0.0.2"), 64))).isNull(); // TTL not checked for unicast
    }

    @Test
    void multicastTtlMustBe255() {
        assertThat(V3.check(v3(100, PEER, AdvertCodec.MCAST_GROUP, 254))).isEqualTo(Drop.BAD_TTL);
    }

    @Test
    void versionMismatchIsDropped() {
        assertThat(V3.check(v2(100, 0, null, 100, List.of(VIP), 255))).isEqualTo(Drop.BAD_VERSION);
    }

    @Test
    void wrongAuthTypeAndWrongPasswordAreDropped() {
        assertThat(V2_PASS.check(v2(100, 0, null, 100, List.of(VIP), 255))).isEqualTo(Drop.AUTH_TYPE_MISMATCH);
        assertThat(V2_PASS.check(v2(100, 1, "secreT", 100, List.of(VIP), 255))).isEqualTo(Drop.AUTH_FAILURE);
    }

    @Test
    void v2IntervalMustMatch() {
        assertThat(V2_PASS.check(v2(100, 1, "secret", 200, List.of(VIP), 255))).isEqualTo(Drop.BAD_INTERVAL);
    }

    @Test
    void v2AddressListMustMatchUnlessFromOwner() {
        List<Inet4Address> other = List.of(v4("10.0.0.101"));
        assertThat(V2_PASS.check(v2(100, 1, "secret", 100, other, 255))).isEqualTo(Drop.ADDRESS_LIST);
        assertThat(V2_PASS.check(v2(255, 1, "secret", 100, other, 255))).isNull();
    }

    @Test
    void unicastInstanceDropsMulticastAndStrangers() {
        assertThat(V3_UNICAST.check(v3(100, PEER, AdvertCodec.MCAST_GROUP, 255))).isEqualTo(Drop.WRONG_DESTINATION);
        assertThat(V3_UNICAST.check(v3(100, v4("10.0.0.9"), v4("10.0.0.2"), 255))).isEqualTo(Drop.UNKNOWN_PEER);
        assertThat(V3.check(v3(100, PEER, v4("10.0.0.2"), 255))).isEqualTo(Drop.WRONG_DESTINATION);
    }

    @Test
    void ownerIgnoresOtherRouters() {
        AdvertFilter owner = new AdvertFilter(3, 100, List.of(VIP), null, List.of(), true);
        assertThat(owner.check(v3(100, PEER, AdvertCodec.MCAST_GROUP, 255))).isEqualTo(Drop.OWNER_IGNORES);
    }
}
