package lvsd.vrrp;

/** RFC 1071 internet checksum, the one VRRP (and the IPv4 header) uses. */
public final class Checksum {
    private Checksum() {}

    /** One's-complement sum of big-endian 16-bit words of {@code b[off, off+len)}, not folded or inverted. */
    static long sum(byte[] b, int off, int len) {
        long s = 0;
        int i = off;
        int end = off + len;
        for (; i + 1 < end; i += 2) {
            s += ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
        }
        if (i < end) {
            s += (b[i] & 0xFF) << 8; // odd trailing byte: padded with a zero low byte
        }
        return s;
    }

    /** Folds carries and inverts: the value to put in a checksum field. */
    static int finish(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) (~sum & 0xFFFF);
    }

    /** Checksum of the bytes alone (VRRPv2, and VRRPv3 over IPv4 in the RFC 9568 reading). */
    public static int of(byte[] b, int off, int len) {
        return finish(sum(b, off, len));
    }

    /**
     * Checksum of a VRRPv3-over-IPv4 message with the RFC 5798 pseudo-header {@code src dst 0 112 length}
     * in front (keepalived's default form).
     */
    public static int withPseudoHeader(byte[] src4, byte[] dst4, byte[] b, int off, int len) {
        long s = sum(src4, 0, 4) + sum(dst4, 0, 4) + AdvertCodec.IPPROTO_VRRP + len;
        return finish(s + sum(b, off, len));
    }
}
