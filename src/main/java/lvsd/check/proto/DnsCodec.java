package lvsd.check.proto;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Just enough DNS (RFC 1035) for a health check: one question (A, or PTR when the name is an IPv4
 * address, as ldirectord does) and the A addresses / PTR names of the answer section.
 */
public final class DnsCodec {
    public static final int TYPE_A = 1;
    public static final int TYPE_PTR = 12;
    private static final int MAX_JUMPS = 32;

    private DnsCodec() {
    }

    /** Thrown for a reply that is not valid DNS or does not answer our question. */
    public static final class DnsException extends Exception {
        public DnsException(String m) {
            super(m);
        }
    }

    /** The question for {@code name}: a PTR under in-addr.arpa for a dotted quad, else an A query. */
    public static byte[] query(int id, String name) {
        int type = TYPE_A;
        String qname = name.startsWith("/") ? name.substring(1) : name;
        if (qname.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            String[] p = qname.split("\\.");
            qname = p[3] + "." + p[2] + "." + p[1] + "." + p[0] + ".in-addr.arpa";
            type = TYPE_PTR;
        }
        ByteBuffer b = ByteBuffer.allocate(512);
        b.putShort((short) id);
        b.putShort((short) 0x0100); // standard query, recursion desired
        b.putShort((short) 1).putShort((short) 0).putShort((short) 0).putShort((short) 0);
        for (String label : qname.split("\\.")) {
            if (label.isEmpty()) {
                continue;
            }
            byte[] l = label.getBytes(StandardCharsets.US_ASCII);
            if (l.length > 63) {
                throw new IllegalArgumentException("DNS label longer than 63 bytes: " + label);
            }
            b.put((byte) l.length).put(l);
        }
        b.put((byte) 0);
        b.putShort((short) type).putShort((short) 1); // class IN
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }

    /** The A addresses (dotted) and PTR names (no trailing dot) in the answer section of {@code reply}. */
    public static List<String> answers(byte[] reply, int len, int id) throws DnsException {
        try {
            ByteBuffer b = ByteBuffer.wrap(reply, 0, len);
            int rid = b.getShort() & 0xffff;
            int flags = b.getShort() & 0xffff;
            if (rid != id) {
                throw new DnsException("reply id " + rid + " does not match query id " + id);
            }
            if ((flags & 0x8000) == 0) {
                throw new DnsException("not a reply (QR bit clear)");
            }
            int rcode = flags & 0xf;
            if (rcode != 0) {
                throw new DnsException("server answered rcode " + rcode);
            }
            int qd = b.getShort() & 0xffff;
            int an = b.getShort() & 0xffff;
            b.getShort();
            b.getShort();
            for (int i = 0; i < qd; i++) {
                name(b);
                b.getInt(); // type, class
            }
            List<String> out = new ArrayList<>();
            for (int i = 0; i < an; i++) {
                name(b);
                int type = b.getShort() & 0xffff;
                b.getShort(); // class
                b.getInt(); // ttl
                int rdlen = b.getShort() & 0xffff;
                int end = b.position() + rdlen;
                if (end > b.limit()) {
                    throw new DnsException("record data runs past the reply");
                }
                if (type == TYPE_A && rdlen == 4) {
                    byte[] a = new byte[4];
                    b.get(a);
                    out.add(InetAddress.getByAddress(a).getHostAddress());
                } else if (type == TYPE_PTR) {
                    out.add(name(b));
                }
                b.position(end);
            }
            return out;
        } catch (BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException | UnknownHostException e) {
            throw new DnsException("truncated or malformed reply");
        }
    }

    /** Reads a possibly compressed name, leaving the buffer after its in-place part. */
    static String name(ByteBuffer b) throws DnsException {
        StringBuilder sb = new StringBuilder();
        int pos = b.position();
        int resume = -1;
        for (int jumps = 0; ; ) {
            int len = b.get(pos) & 0xff;
            if (len == 0) {
                pos++;
                break;
            }
            if ((len & 0xc0) == 0xc0) {
                if (++jumps > MAX_JUMPS) {
                    throw new DnsException("compression loop in a name");
                }
                if (resume < 0) {
                    resume = pos + 2;
                }
                pos = ((len & 0x3f) << 8) | (b.get(pos + 1) & 0xff);
                continue;
            }
            if ((len & 0xc0) != 0) {
                throw new DnsException("bad label length byte " + len);
            }
            if (sb.length() > 0) {
                sb.append('.');
            }
            for (int i = 1; i <= len; i++) {
                sb.append((char) (b.get(pos + i) & 0xff));
            }
            pos += len + 1;
            if (sb.length() > 255) {
                throw new DnsException("name longer than 255");
            }
        }
        b.position(resume >= 0 ? resume : pos);
        return sb.toString();
    }
}
