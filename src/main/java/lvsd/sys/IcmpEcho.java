package lvsd.sys;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * One ICMP echo exchange on a raw socket (needs CAP_NET_RAW). Waits in short poll slices so a
 * cancelled run (flag set from another thread) stops promptly: closing an fd does not wake poll(2).
 */
public final class IcmpEcho {
    private static final int SLICE_MS = 50;

    private IcmpEcho() {
    }

    /** The echo request: type (8, or 128 for v6), code 0, checksum (v4 only; the kernel fills v6), id, seq. */
    public static byte[] request(boolean v6, int id, int seq) {
        byte[] p = new byte[16];
        ByteBuffer b = ByteBuffer.wrap(p);
        b.put((byte) (v6 ? 128 : 8)).put((byte) 0).putShort((short) 0).putShort((short) id).putShort((short) seq);
        b.putLong(0x6c7673642d636b00L); // "lvsd-ck" payload
        if (!v6) {
            int sum = checksum(p);
            p[2] = (byte) (sum >> 8);
            p[3] = (byte) sum;
        }
        return p;
    }

    /** The Internet checksum (RFC 1071). */
    public static int checksum(byte[] p) {
        long sum = 0;
        for (int i = 0; i + 1 < p.length; i += 2) {
            sum += ((p[i] & 0xff) << 8) | (p[i + 1] & 0xff);
        }
        if ((p.length & 1) == 1) {
            sum += (p[p.length - 1] & 0xff) << 8;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) (~sum & 0xffff);
    }

    /** True if {@code icmp} (IP header already stripped) is the echo reply to id/seq. */
    public static boolean isReply(byte[] icmp, int off, int len, boolean v6, int id, int seq) {
        if (len < 8) {
            return false;
        }
        int type = icmp[off] & 0xff;
        int rid = ((icmp[off + 4] & 0xff) << 8) | (icmp[off + 5] & 0xff);
        int rseq = ((icmp[off + 6] & 0xff) << 8) | (icmp[off + 7] & 0xff);
        return type == (v6 ? 129 : 0) && rid == id && rseq == seq;
    }

    /**
     * Sends one echo to {@code to} and waits for its reply until {@code deadline} (in {@code clock}'s
     * nanoseconds) or until {@code cancelled} says so. Returns true on a reply.
     */
    public static boolean ping(InetAddress to, int id, int seq, long deadline, LongSupplier clock,
            java.util.function.BooleanSupplier cancelled) throws LastErrorException {
        boolean v6 = to instanceof Inet6Address;
        int fd = LibC.socket(v6 ? LibC.AF_INET6 : LibC.AF_INET, LibC.SOCK_RAW, v6 ? LibC.IPPROTO_ICMPV6 : LibC.IPPROTO_ICMP);
        try {
            byte[] addr = sockaddr(to);
            byte[] req = request(v6, id, seq);
            LibC.sendto(fd, req, req.length, 0, addr, addr.length);
            Memory rx = new Memory(1500);
            byte[] from = new byte[28];
            byte[] pfd = new byte[8];
            ByteBuffer.wrap(pfd).order(ByteOrder.nativeOrder()).putInt(fd).putShort(LibC.POLLIN);
            while (!cancelled.getAsBoolean()) {
                long left = (deadline - clock.getAsLong()) / 1_000_000;
                if (left <= 0) {
                    return false;
                }
                if (LibC.poll(pfd, 1, (int) Math.min(left, SLICE_MS)) <= 0) {
                    continue;
                }
                int[] fromLen = {from.length};
                int n = (int) LibC.recvfrom(fd, rx, rx.size(), 0, from, fromLen);
                byte[] buf = rx.getByteArray(0, n);
                if (!Arrays.equals(Arrays.copyOfRange(from, v6 ? 8 : 4, v6 ? 24 : 8), to.getAddress())) {
                    continue; // raw sockets see every ICMP packet; only the target's counts
                }
                int off = v6 ? 0 : (buf[0] & 0x0f) * 4; // v4 raw sockets deliver the IP header too
                if (isReply(buf, off, n - off, v6, id, seq)) {
                    return true;
                }
            }
            return false;
        } finally {
            LibC.close(fd);
        }
    }

    static byte[] sockaddr(InetAddress a) {
        if (a instanceof Inet4Address) {
            ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder());
            b.putShort((short) LibC.AF_INET);
            b.order(ByteOrder.BIG_ENDIAN).putShort((short) 0).put(a.getAddress());
            return b.array();
        }
        ByteBuffer b = ByteBuffer.allocate(28).order(ByteOrder.nativeOrder());
        b.putShort((short) LibC.AF_INET6);
        b.order(ByteOrder.BIG_ENDIAN).putShort((short) 0).putInt(0).put(a.getAddress());
        b.order(ByteOrder.nativeOrder()).putInt(((Inet6Address) a).getScopeId());
        return b.array();
    }
}
