package lvsd.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * A transport whose "kernel" is a function from each request message to the datagrams it answers with
 * (like mdlayher's nltest.Dial). Records every sent datagram for assertions.
 */
public final class FakeKernel implements Transport {
    public static final int PORT = 0x3039;
    private final Function<byte[], List<byte[]>> kernel;
    private final Deque<byte[]> pending = new ArrayDeque<>();
    public final List<byte[]> sent = new ArrayList<>();
    public final List<Integer> datagramSizes = new ArrayList<>();

    public FakeKernel(Function<byte[], List<byte[]>> kernel) {
        this.kernel = kernel;
    }

    @Override
    public void send(byte[] data, int length) {
        datagramSizes.add(length);
        ByteBuffer b = ByteBuffer.wrap(data, 0, length).order(ByteOrder.nativeOrder());
        int off = 0;
        while (off < length) {
            int len = b.getInt(off);
            byte[] msg = java.util.Arrays.copyOfRange(data, off, off + len);
            sent.add(msg);
            pending.addAll(kernel.apply(msg));
            off += Nl.align(len);
        }
    }

    @Override
    public int receive(byte[] into) throws NetlinkException {
        byte[] d = pending.poll();
        if (d == null) {
            throw NetlinkException.syscall("recvfrom (timed out waiting for the kernel)", Nl.EAGAIN);
        }
        System.arraycopy(d, 0, into, 0, d.length);
        return d.length;
    }

    @Override
    public int portId() {
        return PORT;
    }

    @Override
    public void close() {}

    public static int seq(byte[] req) {
        return ByteBuffer.wrap(req).order(ByteOrder.nativeOrder()).getInt(8);
    }

    public static int flags(byte[] req) {
        return ByteBuffer.wrap(req).order(ByteOrder.nativeOrder()).getShort(6) & 0xFFFF;
    }

    /** NLMSG_ERROR for {@code req}: error 0 is an ACK; capped (header only), optional ext-ack text. */
    public static byte[] error(byte[] req, int errno, String extAck) {
        MessageBuilder b = new MessageBuilder(Nl.NLMSG_ERROR, Nl.F_CAPPED | (extAck != null ? Nl.F_ACK_TLVS : 0));
        byte[] hdr = java.util.Arrays.copyOf(req, 16);
        byte[] payload = ByteBuffer.allocate(20).order(ByteOrder.nativeOrder()).putInt(-errno).put(hdr).array();
        b.raw(payload);
        if (extAck != null) {
            b.string(Nl.NLMSGERR_ATTR_MSG, extAck);
        }
        return withSeq(b.build(), seq(req));
    }

    public static byte[] done(byte[] req) {
        return withSeq(new MessageBuilder(Nl.NLMSG_DONE, Nl.F_MULTI).raw(new byte[4]).build(), seq(req));
    }

    public static byte[] withSeq(byte[] msg, int seq) {
        ByteBuffer.wrap(msg).order(ByteOrder.nativeOrder()).putInt(8, seq).putInt(12, PORT);
        return msg;
    }

    /** Concatenates messages into one datagram. */
    public static byte[] datagram(byte[]... msgs) {
        int n = 0;
        for (byte[] m : msgs) {
            n += Nl.align(m.length);
        }
        byte[] out = new byte[n];
        int off = 0;
        for (byte[] m : msgs) {
            System.arraycopy(m, 0, out, off, m.length);
            off += Nl.align(m.length);
        }
        return out;
    }
}
