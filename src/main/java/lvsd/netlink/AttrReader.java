package lvsd.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Iterates over the attributes in a byte range: {@code while (r.next()) switch (r.type()) {...}} then
 * {@link #check()}. Getters check the exact payload length; a mismatch is remembered (the first one wins),
 * the getter returns 0, and {@link #check()} throws it. The type is masked with 0x3FFF, so nested and
 * byte-order bits never hide an attribute; callers skip types they do not know (newer kernels add some).
 */
public final class AttrReader {
    private final ByteBuffer buf;
    private final int end;
    private int next;
    private int type;
    private int payload;
    private int len;
    private String error;

    public AttrReader(byte[] data, int offset, int length) {
        this(ByteBuffer.wrap(data).order(ByteOrder.nativeOrder()), offset, offset + length);
    }

    private AttrReader(ByteBuffer buf, int start, int end) {
        this.buf = buf;
        this.next = start;
        this.end = end;
    }

    /** Moves to the next attribute; false at the end or on a truncated attribute (then check() throws). */
    public boolean next() {
        if (error != null || next >= end) {
            return false;
        }
        if (end - next < 4) {
            fail("trailing " + (end - next) + " byte(s) after the last attribute");
            return false;
        }
        int alen = buf.getShort(next) & 0xFFFF;
        if (alen < 4 || next + alen > end) {
            fail("attribute length " + alen + " at offset " + next + " runs past its container");
            return false;
        }
        type = buf.getShort(next + 2) & Nl.ATTR_TYPE_MASK;
        payload = next + 4;
        len = alen - 4;
        next += Nl.align(alen);
        return true;
    }

    public int type() {
        return type;
    }

    /** Payload length of the current attribute. */
    public int length() {
        return len;
    }

    public int u8() {
        return want(1) ? buf.get(payload) & 0xFF : 0;
    }

    public int u16() {
        return want(2) ? buf.getShort(payload) & 0xFFFF : 0;
    }

    public int u16be() {
        return want(2) ? ((buf.get(payload) & 0xFF) << 8) | (buf.get(payload + 1) & 0xFF) : 0;
    }

    public int u32() {
        return want(4) ? buf.getInt(payload) : 0;
    }

    public int u32be() {
        return want(4) ? buf.duplicate().order(ByteOrder.BIG_ENDIAN).getInt(payload) : 0;
    }

    public long u64() {
        return want(8) ? buf.getLong(payload) : 0;
    }

    /** An unsigned integer of 4 or 8 bytes: IPVS sends 32-bit counters in STATS and 64-bit in STATS64. */
    public long uint() {
        if (len == 8) {
            return buf.getLong(payload);
        }
        return want(4) ? buf.getInt(payload) & 0xFFFFFFFFL : 0;
    }

    public byte[] bytes() {
        byte[] out = new byte[len];
        buf.get(payload, out);
        return out;
    }

    /** A string without its NUL terminator (and without anything after the first NUL). */
    public String string() {
        int n = 0;
        while (n < len && buf.get(payload + n) != 0) {
            n++;
        }
        byte[] out = new byte[n];
        buf.get(payload, out);
        return new String(out, StandardCharsets.UTF_8);
    }

    /** A reader over the current attribute's payload (a nested attribute set). */
    public AttrReader nested() {
        return new AttrReader(buf, payload, payload + len);
    }

    /** Throws the first format error seen by this reader. Call once after the loop. */
    public void check() throws NetlinkException {
        if (error != null) {
            throw NetlinkException.malformed(error);
        }
    }

    /** Like check() but also folds in a nested reader's error. */
    public void check(AttrReader child) throws NetlinkException {
        child.check();
        check();
    }

    private boolean want(int n) {
        if (len != n) {
            fail("attribute " + type + " has " + len + " byte(s), expected " + n);
            return false;
        }
        return true;
    }

    private void fail(String why) {
        if (error == null) {
            error = why;
        }
    }
}
