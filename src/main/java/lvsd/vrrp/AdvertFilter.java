package lvsd.vrrp;

import java.net.Inet4Address;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * Per-instance receive validation (vrrp.md §7) after {@link AdvertCodec#decode} has checked shape and checksum.
 * Returns the reason to drop, or {@code null} to accept.
 *
 * @param password v2 simple password (auth type 1), or null for none
 * @param peers    unicast peers; empty = multicast instance
 */
public record AdvertFilter(int version, int intervalCs, List<Inet4Address> vips, String password,
                           List<Inet4Address> peers, boolean owner) {

    public AdvertFilter {
        vips = List.copyOf(vips);
        peers = List.copyOf(peers);
    }

    public Drop check(Inbound in) {
        Advert a = in.advert();
        boolean unicast = !peers.isEmpty();
        if (!unicast && in.ttl() != 255) {
            return Drop.BAD_TTL; // keepalived skips the TTL rule for unicast, as do we
        }
        if (a.version() != version) {
            return Drop.BAD_VERSION;
        }
        if (version == 2) {
            int wantType = password == null ? Advert.AUTH_NONE : Advert.AUTH_PASS;
            if (a.authType() != wantType) {
                return Drop.AUTH_TYPE_MISMATCH;
            }
            if (password != null && !MessageDigest.isEqual(a.authData(), Advert.passwordBytes(password))) {
                return Drop.AUTH_FAILURE; // constant-time compare, as keepalived
            }
            if (a.intervalCs() != intervalCs) {
                return Drop.BAD_INTERVAL; // v2 peers must share the interval (v3 backups learn it)
            }
        }
        if (unicast == in.multicast()) {
            return Drop.WRONG_DESTINATION;
        }
        if (unicast && !peers.contains(in.source())) {
            return Drop.UNKNOWN_PEER;
        }
        if (owner) {
            return Drop.OWNER_IGNORES;
        }
        // RFC 3768 §7.1: a v2 address list that differs from ours is dropped unless the sender is the owner.
        if (version == 2 && a.priority() != 255 && !sameSet(a.addresses(), vips)) {
            return Drop.ADDRESS_LIST;
        }
        return null;
    }

    /** v3 only logs an address-list mismatch (RFC 5798 MAY); callers count it without dropping. */
    public boolean addressListDiffers(Advert a) {
        return !sameSet(a.addresses(), vips);
    }

    private static boolean sameSet(List<Inet4Address> a, List<Inet4Address> b) {
        return a.size() == b.size() && new HashSet<>(a).equals(new HashSet<>(b));
    }

    @Override
    public String toString() {
        return "AdvertFilter[v" + version + " " + intervalCs + "cs vips " + vips + " peers " + peers
                + (Objects.isNull(password) ? "" : " auth PASS") + (owner ? " owner" : "") + "]";
    }
}
