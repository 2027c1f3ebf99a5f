package lvsd.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * One received netlink message: header fields plus its payload (everything after the 16-byte header).
 * {@link #parseAll} splits a datagram, checking shape only (lengths and alignment); the meaning of
 * NLMSG_ERROR and NLMSG_DONE is decided by {@link NetlinkSocket}.
 */
public record Message(int type, int flags, int seq, int pid, byte[] payload) {

    /** Splits one received datagram into messages. */
    public static List<Message> parseAll(byte[] data, int length) throws NetlinkException {
        ByteBuffer b = ByteBuffer.wrap(data, 0, length).order(ByteOrder.nativeOrder());
        List<Message> out = new ArrayList<>();
        int off = 0;
        while (off < length) {
            if (length - off < Nl.HDRLEN) {
                throw NetlinkException.malformed((length - off) + " byte(s) left, too short for a message header");
            }
            int len = b.getInt(off);
            if (len < Nl.HDRLEN || len > length - off) {
                throw NetlinkException.malformed("message length " + len + " at offset " + off
                        + " outside the " + length + "-byte datagram");
            }
            byte[] payload = new byte[len - Nl.HDRLEN];
            System.arraycopy(data, off + Nl.HDRLEN, payload, 0, payload.length);
            out.add(new Message(b.getShort(off + 4) & 0xFFFF, b.getShort(off + 6) & 0xFFFF, b.getInt(off + 8),
                    b.getInt(off + 12), payload));
            off += Nl.align(len);
        }
        return out;
    }

    /** The generic netlink command (first payload byte). */
    public int genlCmd() {
        return payload.length > 0 ? payload[0] & 0xFF : -1;
    }

    /** Attributes after a fixed header of {@code headerLen} bytes (4 for generic netlink). */
    public AttrReader attrs(int headerLen) {
        int off = Math.min(headerLen, payload.length);
        return new AttrReader(payload, off, payload.length - off);
    }

    /** Attributes of a generic netlink message. */
    public AttrReader genlAttrs() {
        return attrs(Nl.GENL_HDRLEN);
    }

    /**
     * For NLMSG_ERROR: the (negative) error code, 0 for an ACK. For NLMSG_DONE: the status word (0 or a
     * negative errno), or 0 if the kernel sent none.
     */
    public int errorCode() {
        if (payload.length < 4) {
            return 0;
        }
        return ByteBuffer.wrap(payload).order(ByteOrder.nativeOrder()).getInt(0);
    }

    /** For NLMSG_ERROR: the sequence number of the request it answers (from the echoed header). */
    public int errorSeq() {
        return payload.length >= 4 + Nl.HDRLEN
                ? ByteBuffer.wrap(payload).order(ByteOrder.nativeOrder()).getInt(4 + 8) : seq;
    }

    /**
     * For NLMSG_ERROR with extended-ack TLVs: the kernel's error text, or null. The TLVs follow the echoed
     * request: just its header when the kernel capped it, the whole request otherwise.
     */
    public String extAckMessage() {
        if (type != Nl.NLMSG_ERROR || (flags & Nl.F_ACK_TLVS) == 0 || payload.length < 4 + Nl.HDRLEN) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(payload).order(ByteOrder.nativeOrder());
        int echoed = (flags & Nl.F_CAPPED) != 0 ? Nl.HDRLEN : b.getInt(4);
        int off = 4 + Nl.align(echoed);
        if (echoed < Nl.HDRLEN || off > payload.length) {
            return null;
        }
        AttrReader r = new AttrReader(payload, off, payload.length - off);
        while (r.next()) {
            if (r.type() == Nl.NLMSGERR_ATTR_MSG) {
                return r.string();
            }
        }
        return null;
    }
}
