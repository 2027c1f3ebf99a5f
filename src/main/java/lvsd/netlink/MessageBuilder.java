package lvsd.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds one netlink message: the 16-byte header, an optional generic-netlink header and attributes, each
 * padded to 4 bytes. Integers are written in host order, the {@code *Be} methods in network order. The
 * sequence number is left 0: {@link NetlinkSocket} stamps it when sending, so a message can be built once
 * and sent in a batch. Misuse (unbalanced nests, an attribute over 64 KiB) is a programming error and
 * throws {@link IllegalStateException}.
 */
public final class MessageBuilder {
    private ByteBuffer buf = ByteBuffer.allocate(256).order(ByteOrder.nativeOrder());
    private final int[] nests = new int[8];
    private int depth;

    public MessageBuilder(int type, int flags) {
        buf.putInt(0).putShort((short) type).putShort((short) flags).putInt(0).putInt(0);
    }

    /** A generic netlink request: header with {@code familyId} plus the genl header {cmd, version}. */
    public static MessageBuilder genl(int familyId, int flags, int cmd, int version) {
        MessageBuilder b = new MessageBuilder(familyId, flags);
        b.ensure(4);
        b.buf.put((byte) cmd).put((byte) version).putShort((short) 0);
        return b;
    }

    /** Raw bytes after the netlink header (e.g. an rtnetlink ifaddrmsg); padded to 4. */
    public MessageBuilder raw(byte[] bytes) {
        ensure(bytes.length + 3);
        buf.put(bytes);
        pad();
        return this;
    }

    public MessageBuilder u8(int type, int v) {
        header(type, 1);
        buf.put((byte) v);
        pad();
        return this;
    }

    public MessageBuilder u16(int type, int v) {
        header(type, 2);
        buf.putShort((short) v);
        pad();
        return this;
    }

    /** A 16-bit value in network byte order (ports). */
    public MessageBuilder u16be(int type, int v) {
        header(type, 2);
        buf.put((byte) (v >>> 8)).put((byte) v);
        pad();
        return this;
    }

    public MessageBuilder u32(int type, int v) {
        header(type, 4);
        buf.putInt(v);
        return this;
    }

    /** A 32-bit value in network byte order (IPv4 masks, in_addr). */
    public MessageBuilder u32be(int type, int v) {
        header(type, 4);
        buf.put((byte) (v >>> 24)).put((byte) (v >>> 16)).put((byte) (v >>> 8)).put((byte) v);
        return this;
    }

    public MessageBuilder u64(int type, long v) {
        header(type, 8);
        buf.putLong(v);
        return this;
    }

    public MessageBuilder bytes(int type, byte[] v) {
        header(type, v.length);
        buf.put(v);
        pad();
        return this;
    }

    /** A NUL-terminated string; the NUL counts in the attribute length, as the kernel expects. */
    public MessageBuilder string(int type, String v) {
        byte[] s = v.getBytes(StandardCharsets.UTF_8);
        header(type, s.length + 1);
        buf.put(s).put((byte) 0);
        pad();
        return this;
    }

    /** Opens a nested attribute; close it with {@link #end()}. */
    public MessageBuilder begin(int type) {
        if (depth == nests.length) {
            throw new IllegalStateException("attributes nested too deeply");
        }
        ensure(4);
        nests[depth++] = buf.position();
        buf.putShort((short) 0).putShort((short) (type | Nl.ATTR_F_NESTED));
        return this;
    }

    public MessageBuilder end() {
        if (depth == 0) {
            throw new IllegalStateException("end() without begin()");
        }
        int start = nests[--depth];
        int len = buf.position() - start;
        if (len > 0xFFFF) {
            throw new IllegalStateException("nested attribute longer than 65535 bytes");
        }
        buf.putShort(start, (short) len);
        return this;
    }

    /** The finished message with its length filled in and sequence number 0. */
    public byte[] build() {
        if (depth != 0) {
            throw new IllegalStateException(depth + " nested attribute(s) not closed");
        }
        buf.putInt(0, buf.position());
        return Arrays.copyOf(buf.array(), buf.position());
    }

    private void header(int type, int payloadLen) {
        if (payloadLen + 4 > 0xFFFF) {
            throw new IllegalStateException("attribute " + type + " longer than 65535 bytes");
        }
        ensure(4 + payloadLen + 3);
        buf.putShort((short) (4 + payloadLen)).putShort((short) type);
    }

    private void pad() {
        while ((buf.position() & 3) != 0) {
            buf.put((byte) 0);
        }
    }

    private void ensure(int more) {
        if (buf.remaining() < more) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + more))
                    .order(ByteOrder.nativeOrder());
            buf.flip();
            bigger.put(buf);
            buf = bigger;
        }
    }
}
