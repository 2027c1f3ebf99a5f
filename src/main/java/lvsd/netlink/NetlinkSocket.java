package lvsd.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Request/ack, dump and batch exchanges over one netlink socket of any protocol (generic netlink for
 * IPVS, rtnetlink for addresses). It stamps sequence numbers, matches replies to requests by them and
 * turns NLMSG_ERROR into {@link NetlinkException}. Not thread-safe: netlink replies are not
 * demultiplexed between threads, so each socket has one owner.
 */
public final class NetlinkSocket implements AutoCloseable {
    /** Larger than any datagram the kernel builds for a dump (it caps them at 32 KiB). */
    public static final int RX_SIZE = 64 * 1024;
    /** How long to wait for any one reply datagram before giving up. */
    public static final int RECEIVE_TIMEOUT_MILLIS = 15_000;
    /** A batch datagram stays below this size (the socket's send buffer is 1 MiB). */
    static final int MAX_BATCH_BYTES = 128 * 1024;
    /** Dumps restarted at most this often when the receive buffer overflowed (ENOBUFS). */
    static final int DUMP_RETRIES = 3;

    private final Transport transport;
    private final byte[] rx = new byte[RX_SIZE];
    private int seq;

    public NetlinkSocket(Transport transport) {
        this.transport = transport;
        this.seq = (int) (System.nanoTime() & 0x3FFFFFFF);
    }

    public int portId() {
        return transport.portId();
    }

    /** Sends one do-request with NLM_F_ACK and waits for its ACK; returns any replies that came before it. */
    public List<Message> request(byte[] message) throws NetlinkException {
        byte[] m = message.clone();
        int s = stamp(m, 0, Nl.F_REQUEST | Nl.F_ACK);
        transport.send(m, m.length);
        List<Message> replies = new ArrayList<>();
        while (true) {
            for (Message r : receive()) {
                if (r.seq() != s && !(r.type() == Nl.NLMSG_ERROR && r.errorSeq() == s)) {
                    continue; // a late answer to an earlier request that timed out
                }
                if (r.type() == Nl.NLMSG_ERROR) {
                    if (r.errorCode() != 0) {
                        throw NetlinkException.kernel(-r.errorCode(), r.extAckMessage(), s);
                    }
                    return replies;
                }
                replies.add(r);
            }
        }
    }

    /**
     * Sends a dump request (NLM_F_DUMP is added) and collects every reply part up to NLMSG_DONE. A dump
     * that overflowed the receive buffer (ENOBUFS) is started again, since parts were lost.
     */
    public List<Message> dump(byte[] message) throws NetlinkException {
        for (int attempt = 0; ; attempt++) {
            try {
                return dumpOnce(message);
            } catch (NetlinkException e) {
                if (e.errno() != Nl.ENOBUFS || e.fromKernel() || attempt >= DUMP_RETRIES) {
                    throw e;
                }
            }
        }
    }

    private List<Message> dumpOnce(byte[] message) throws NetlinkException {
        byte[] m = message.clone();
        int s = stamp(m, 0, Nl.F_REQUEST | Nl.F_DUMP);
        transport.send(m, m.length);
        List<Message> parts = new ArrayList<>();
        while (true) {
            for (Message r : receive()) {
                if (r.type() == Nl.NLMSG_ERROR) {
                    if (r.errorSeq() != s) {
                        continue;
                    }
                    if (r.errorCode() != 0) {
                        throw NetlinkException.kernel(-r.errorCode(), r.extAckMessage(), s);
                    }
                    continue; // a stray ACK: the dump still ends with DONE
                }
                if (r.seq() != s) {
                    continue;
                }
                if (r.type() == Nl.NLMSG_DONE) {
                    if (r.errorCode() < 0) {
                        throw NetlinkException.kernel(-r.errorCode(), null, s);
                    }
                    return parts;
                }
                if (r.type() == Nl.NLMSG_OVERRUN) {
                    throw NetlinkException.syscall("dump", Nl.ENOBUFS);
                }
                if (r.type() != Nl.NLMSG_NOOP) {
                    parts.add(r);
                }
            }
        }
    }

    /**
     * Executes many do-requests with few system calls: messages are packed several to a datagram, only the
     * last of each datagram asks for an ACK, and the kernel answers every failed one with NLMSG_ERROR
     * anyway. Because the kernel handles a datagram's messages in order, the last one's ACK means all of
     * them are done. Returns one entry per request: null for success, else the kernel's error. Every
     * request is attempted, whatever the others' results.
     *
     * @throws NetlinkException if the socket fails; then the outcome of the current datagram is unknown
     */
    public List<NetlinkException> batch(List<byte[]> messages) throws NetlinkException {
        NetlinkException[] results = new NetlinkException[messages.size()];
        int i = 0;
        while (i < messages.size()) {
            int start = i;
            int size = 0;
            while (i < messages.size() && (i == start || size + Nl.align(messages.get(i).length) <= MAX_BATCH_BYTES)) {
                size += Nl.align(messages.get(i).length);
                i++;
            }
            byte[] datagram = new byte[size];
            int[] seqs = new int[i - start];
            int off = 0;
            for (int k = start; k < i; k++) {
                byte[] m = messages.get(k);
                System.arraycopy(m, 0, datagram, off, m.length);
                seqs[k - start] = stamp(datagram, off, k == i - 1 ? Nl.F_REQUEST | Nl.F_ACK : Nl.F_REQUEST);
                off += Nl.align(m.length);
            }
            transport.send(datagram, size);
            collectBatch(seqs, results, start);
        }
        return Arrays.asList(results);
    }

    private void collectBatch(int[] seqs, NetlinkException[] results, int base) throws NetlinkException {
        int last = seqs[seqs.length - 1];
        while (true) {
            for (Message r : receive()) {
                if (r.type() != Nl.NLMSG_ERROR) {
                    continue;
                }
                int s = r.errorSeq();
                int idx = indexOf(seqs, s);
                if (idx < 0) {
                    continue;
                }
                if (r.errorCode() != 0) {
                    results[base + idx] = NetlinkException.kernel(-r.errorCode(), r.extAckMessage(), s);
                }
                if (s == last) {
                    return;
                }
            }
        }
    }

    private static int indexOf(int[] seqs, int s) {
        // Sequence numbers within a batch are consecutive (wrapping is harmless: it is plain subtraction).
        int idx = s - seqs[0];
        return idx >= 0 && idx < seqs.length && seqs[idx] == s ? idx : -1;
    }

    private List<Message> receive() throws NetlinkException {
        int n = transport.receive(rx);
        return Message.parseAll(rx, n);
    }

    /** Writes a fresh sequence number and the given flags (ORed in) into the message at {@code off}. */
    private int stamp(byte[] data, int off, int flags) {
        int s = ++seq;
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.nativeOrder());
        b.putShort(off + 6, (short) ((b.getShort(off + 6) & 0xFFFF & ~Nl.F_ACK) | flags));
        b.putInt(off + 8, s);
        return s;
    }

    @Override
    public void close() {
        transport.close();
    }
}
