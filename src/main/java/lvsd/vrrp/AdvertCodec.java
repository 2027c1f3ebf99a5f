package lvsd.vrrp;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * VRRP advertisement bytes (RFC 3768 §5, RFC 5798 §5) and the IPv4 header around them. Pure: no sockets.
 * Decoding checks shape and checksum only; whether an advert fits an instance is {@link AdvertFilter}'s job.
 */
public final class AdvertCodec {
    public static final int IPPROTO_VRRP = 112;
    public static final int TYPE_ADVERTISEMENT = 1;
    public static final int TOS_CS6 = 0xC0;
    public static final Inet4Address MCAST_GROUP = v4(new byte[] {(byte) 224, 0, 0, 18});

    private AdvertCodec() {}

    /** Which checksum a VRRPv3-over-IPv4 sender computes. */
    public enum V3Checksum {
        /** RFC 5798 pseudo-header form: keepalived's default, what lvsd sends unless told otherwise. */
        PSEUDO_HEADER,
        /** Message only, as v2 (RFC 9568 reading; keepalived's {@code v3_checksum_as_v2}). */
        MESSAGE_ONLY
    }

    /** The VRRP message (no IP header). {@code src}/{@code dst} feed the v3 pseudo-header. */
    public static byte[] encode(Advert a, Inet4Address src, Inet4Address dst, V3Checksum form) {
        int n = a.addresses().size();
        int len = 8 + 4 * n + (a.version() == 2 ? 8 : 0);
        byte[] b = new byte[len];
        b[0] = (byte) ((a.version() << 4) | TYPE_ADVERTISEMENT);
        b[1] = (byte) a.vrid();
        b[2] = (byte) a.priority();
        b[3] = (byte) n;
        if (a.version() == 2) {
            b[4] = (byte) a.authType();
            b[5] = (byte) (a.intervalCs() / 100);
        } else {
            b[4] = (byte) ((a.intervalCs() >>> 8) & 0x0F); // high nibble reserved, sent as 0
            b[5] = (byte) a.intervalCs();
        }
        for (int i = 0; i < n; i++) {
            System.arraycopy(a.addresses().get(i).getAddress(), 0, b, 8 + 4 * i, 4);
        }
        if (a.version() == 2) {
            System.arraycopy(a.authData(), 0, b, 8 + 4 * n, 8);
        }
        int sum = a.version() == 3 && form == V3Checksum.PSEUDO_HEADER
                ? Checksum.withPseudoHeader(src.getAddress(), dst.getAddress(), b, 0, len)
                : Checksum.of(b, 0, len);
        b[6] = (byte) (sum >>> 8);
        b[7] = (byte) sum;
        return b;
    }

    /**
     * An IPv4 packet (20-byte header, TOS 0xC0, TTL 255, protocol 112) around {@code vrrp}, for a raw socket
     * with IP_HDRINCL. The kernel fills the ID when it is 0 and rewrites length and header checksum anyway;
     * they are filled here too so the bytes are complete on their own.
     */
    public static byte[] ipv4(byte[] vrrp, Inet4Address src, Inet4Address dst, int ttl) {
        byte[] p = new byte[20 + vrrp.length];
        p[0] = 0x45;
        p[1] = (byte) TOS_CS6;
        p[2] = (byte) (p.length >>> 8);
        p[3] = (byte) p.length;
        p[8] = (byte) ttl;
        p[9] = (byte) IPPROTO_VRRP;
        System.arraycopy(src.getAddress(), 0, p, 12, 4);
        System.arraycopy(dst.getAddress(), 0, p, 16, 4);
        int sum = Checksum.of(p, 0, 20);
        p[10] = (byte) (sum >>> 8);
        p[11] = (byte) sum;
        System.arraycopy(vrrp, 0, p, 20, vrrp.length);
        return p;
    }

    /** Decodes an IPv4 packet as a raw protocol-112 socket returns it (IP header first). */
    public static Inbound decode(byte[] p, int len) throws BadPacketException {
        if (len < 20 || (p[0] & 0xF0) != 0x40) {
            throw new BadPacketException(Drop.NOT_VRRP, "not an IPv4 packet (" + len + " bytes)");
        }
        int ihl = (p[0] & 0x0F) * 4;
        if (ihl < 20 || ihl > len) {
            throw new BadPacketException(Drop.NOT_VRRP, "IPv4 header length " + ihl + " in a " + len + "-byte packet");
        }
        if ((p[9] & 0xFF) != IPPROTO_VRRP) {
            throw new BadPacketException(Drop.NOT_VRRP, "IP protocol " + (p[9] & 0xFF) + ", expected 112");
        }
        int total = ((p[2] & 0xFF) << 8) | (p[3] & 0xFF);
        // Ethernet padding may follow the packet, so the buffer may be longer than the IP total length.
        if (total > len || total < ihl + 8) {
            throw new BadPacketException(Drop.TRUNCATED, "IP total length " + total + " with " + len + " bytes received");
        }
        int ttl = p[8] & 0xFF;
        Inet4Address src = v4(slice(p, 12));
        Inet4Address dst = v4(slice(p, 16));
        int off = ihl;
        int vlen = total - ihl;
        int version = (p[off] & 0xF0) >>> 4;
        if (version != 2 && version != 3) {
            throw new BadPacketException(Drop.BAD_VERSION, "version " + version);
        }
        if ((p[off] & 0x0F) != TYPE_ADVERTISEMENT) {
            throw new BadPacketException(Drop.BAD_TYPE, "type " + (p[off] & 0x0F));
        }
        int n = p[off + 3] & 0xFF;
        int need = 8 + 4 * n + (version == 2 ? 8 : 0);
        if (vlen < need) {
            throw new BadPacketException(Drop.TRUNCATED, vlen + " VRRP bytes, " + n + " addresses need " + need);
        }
        boolean pseudo = false;
        if (version == 2) {
            if (Checksum.of(p, off, vlen) != 0) {
                throw new BadPacketException(Drop.BAD_CHECKSUM, "v2 checksum does not verify");
            }
        } else if (Checksum.withPseudoHeader(slice(p, 12), slice(p, 16), p, off, vlen) == 0) {
            pseudo = true;
        } else if (Checksum.of(p, off, vlen) != 0) {
            throw new BadPacketException(Drop.BAD_CHECKSUM, "v3 checksum verifies in neither form");
        }
        int vrid = p[off + 1] & 0xFF;
        if (vrid == 0) {
            throw new BadPacketException(Drop.UNKNOWN_VRID, "VRID 0");
        }
        int interval = version == 2 ? (p[off + 5] & 0xFF) * 100 : ((p[off + 4] & 0x0F) << 8) | (p[off + 5] & 0xFF);
        if (interval == 0) {
            throw new BadPacketException(Drop.BAD_INTERVAL, "advertisement interval 0");
        }
        List<Inet4Address> addrs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            addrs.add(v4(slice(p, off + 8 + 4 * i)));
        }
        int authType = version == 2 ? p[off + 4] & 0xFF : Advert.AUTH_NONE;
        byte[] auth = new byte[version == 2 ? 8 : 0];
        if (version == 2) {
            System.arraycopy(p, off + 8 + 4 * n, auth, 0, 8);
        }
        Advert a = new Advert(version, vrid, p[off + 2] & 0xFF, interval, addrs, authType, auth);
        return new Inbound(src, dst, ttl, a, pseudo);
    }

    private static byte[] slice(byte[] p, int off) {
        return new byte[] {p[off], p[off + 1], p[off + 2], p[off + 3]};
    }

    static Inet4Address v4(byte[] four) {
        try {
            return (Inet4Address) InetAddress.getByAddress(four);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e); // only for a wrong length, which callers never pass
        }
    }
}
