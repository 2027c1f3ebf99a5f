package lvsd.ipvs;

import static lvsd.ipvs.IpvsWire.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lvsd.inet.Addresses;
import lvsd.inet.Family;
import lvsd.inet.Protocol;
import lvsd.netlink.AttrReader;
import lvsd.netlink.Message;
import lvsd.netlink.MessageBuilder;
import lvsd.netlink.NetlinkException;
import lvsd.netlink.NetlinkSocket;
import lvsd.netlink.Nl;
import lvsd.netlink.Transport;

/**
 * The IPVS side of generic netlink, played in memory at the {@link Transport} seam, with faults to inject: a
 * socket that fails after some datagrams of a batch, ENOBUFS in the middle of a dump, a reply with a wrong
 * sequence number, a truncated attribute, a module reload (new family id, empty table). Every socket
 * {@link #open()}ed shares the one table, as sockets share the kernel's.
 */
public final class NetlinkIpvsFake {
    private static final int PORT = 0x4242;

    private final Map<ServiceKey, ServiceState> table = new LinkedHashMap<>();
    private int familyId = 0x24;
    /** Write datagrams (batches) still allowed before the socket fails; -1: no limit. */
    private int datagramsBeforeFailure = -1;
    private int dumpOverruns;
    private int wrongSeqReplies;
    private int truncatedReplies;
    /** Datagrams whose write messages were applied. */
    public int writeDatagrams;
    /** Sockets opened (each resolves the family). */
    public int sockets;

    /** A client on a new socket, resolving the family as {@link IpvsClient#open()} does. */
    public IpvsClient open() throws IpvsException {
        Socket s = new Socket();
        sockets++;
        try {
            int id = lvsd.netlink.GenlFamily.resolve(new NetlinkSocket(s), FAMILY_NAME).id();
            return new IpvsClient(new NetlinkSocket(s), id);
        } catch (NetlinkException e) {
            throw IpvsException.of(e, null, "resolving the IPVS netlink family");
        }
    }

    /** The table as ipvsadm-save -n prints it. */
    public String save() {
        return lvsd.ipvsadm.IpvsadmFormat.save(lvsd.ipvsadm.IpvsadmOrder.sorted(snapshot()));
    }

    public IpvsTable snapshot() {
        return new IpvsTable(new IpvsInfo(0x10201, 4096), new ArrayList<>(table.values()));
    }

    /** The socket fails (ENOBUFS on send) once {@code n} more write datagrams went through. */
    public void failAfterDatagrams(int n) {
        datagramsBeforeFailure = n;
    }

    /** The next {@code n} dumps overflow the receive buffer after their first part. */
    public void overrunDumps(int n) {
        dumpOverruns = n;
    }

    /** The next {@code n} replies carry a sequence number no request had. */
    public void wrongSeq(int n) {
        wrongSeqReplies = n;
    }

    /** The next {@code n} dump parts end in a truncated attribute. */
    public void truncate(int n) {
        truncatedReplies = n;
    }

    /** rmmod ip_vs; modprobe ip_vs: an empty table under a new family id. */
    public void reloadModule() {
        table.clear();
        familyId++;
    }

    private final class Socket implements Transport {
        private final Deque<byte[]> pending = new ArrayDeque<>();
        private boolean failed;

        @Override
        public void send(byte[] data, int length) throws NetlinkException {
            if (failed) {
                throw NetlinkException.syscall("sendto", 9 /* EBADF */);
            }
            List<Message> msgs = Message.parseAll(data, length);
            boolean write = msgs.stream().anyMatch(m -> m.type() == familyId && isWrite(m.genlCmd()));
            if (write) {
                if (datagramsBeforeFailure == 0) {
                    datagramsBeforeFailure = -1;
                    failed = true;
                    throw NetlinkException.syscall("sendto", Nl.ENOBUFS);
                }
                if (datagramsBeforeFailure > 0) {
                    datagramsBeforeFailure--;
                }
                writeDatagrams++;
            }
            for (Message m : msgs) {
                answer(m);
            }
        }

        @Override
        public int receive(byte[] into) throws NetlinkException {
            byte[] d = pending.poll();
            if (d == null) {
                throw NetlinkException.syscall("recvfrom (timed out waiting for the kernel)", Nl.EAGAIN);
            }
            if (d.length == 0) { // marks a lost dump tail
                pending.clear();
                throw NetlinkException.syscall("recvfrom", Nl.ENOBUFS);
            }
            System.arraycopy(d, 0, into, 0, d.length);
            return d.length;
        }

        @Override
        public int portId() {
            return PORT;
        }

        @Override
        public void close() {
            failed = true;
        }

        private void answer(Message m) {
            boolean ack = (m.flags() & Nl.F_ACK) != 0;
            if (m.type() == Nl.GENL_ID_CTRL) {
                reply(MessageBuilder.genl(Nl.GENL_ID_CTRL, 0, Nl.CTRL_CMD_NEWFAMILY, 1)
                        .string(Nl.CTRL_ATTR_FAMILY_NAME, FAMILY_NAME).u16(Nl.CTRL_ATTR_FAMILY_ID, familyId)
                        .build(), m);
                error(m, 0);
                return;
            }
            if (m.type() != familyId) {
                error(m, Nl.ENOENT); // a family id the kernel no longer has
                return;
            }
            try {
                int cmd = m.genlCmd();
                if (cmd == CMD_GET_INFO) {
                    reply(MessageBuilder.genl(familyId, 0, CMD_GET_INFO, VERSION).u32(INFO_VERSION, 0x10201)
                            .u32(INFO_CONN_TAB_SIZE, 4096).build(), m);
                    error(m, 0);
                } else if (cmd == CMD_GET_SERVICE) {
                    List<byte[]> parts = new ArrayList<>();
                    IpvsCodec codec = new IpvsCodec(familyId);
                    for (ServiceState s : table.values()) {
                        parts.add(codec.encode(new IpvsOp.AddService(s.service())));
                    }
                    dump(m, parts);
                } else if (cmd == CMD_GET_DEST) {
                    ServiceState s = table.get(key(m));
                    if (s == null) {
                        error(m, Nl.ESRCH);
                        return;
                    }
                    List<byte[]> parts = new ArrayList<>();
                    IpvsCodec codec = new IpvsCodec(familyId);
                    for (DestinationState d : s.destinations()) {
                        parts.add(codec.encode(new IpvsOp.AddDestination(s.key(), d.destination())));
                    }
                    dump(m, parts);
                } else {
                    int errno = write(m);
                    if (errno != 0 || ack) {
                        error(m, errno);
                    }
                }
            } catch (NetlinkException e) {
                error(m, Nl.EINVAL);
            }
        }

        private void dump(Message req, List<byte[]> parts) {
            List<byte[]> out = new ArrayList<>();
            for (byte[] p : parts) {
                out.add(stamped(p, req.seq(), Nl.F_MULTI));
            }
            if (truncatedReplies > 0 && !out.isEmpty()) {
                truncatedReplies--;
                byte[] p = out.get(0);
                byte[] cut = Arrays.copyOf(p, p.length - 8);
                ByteBuffer.wrap(cut).order(ByteOrder.nativeOrder()).putInt(0, cut.length);
                out.set(0, cut);
            }
            byte[] done = stamped(new MessageBuilder(Nl.NLMSG_DONE, Nl.F_MULTI).raw(new byte[4]).build(), req.seq(), 0);
            if (dumpOverruns > 0 && !out.isEmpty()) {
                dumpOverruns--;
                pending.add(out.get(0));
                pending.add(new byte[0]);
                return;
            }
            // one part per datagram keeps the faults simple; the kernel packs several
            pending.addAll(out);
            pending.add(done);
        }

        private void reply(byte[] msg, Message req) {
            pending.add(stamped(msg, req.seq(), 0));
        }

        private void error(Message req, int errno) {
            byte[] hdr = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder()).putInt(16).putShort((short) req.type())
                    .putShort((short) req.flags()).putInt(req.seq()).putInt(req.pid()).array();
            byte[] msg = new MessageBuilder(Nl.NLMSG_ERROR, Nl.F_CAPPED)
                    .raw(ByteBuffer.allocate(20).order(ByteOrder.nativeOrder()).putInt(-errno).put(hdr).array())
                    .build();
            pending.add(stamped(msg, req.seq(), 0));
        }

        private byte[] stamped(byte[] msg, int seq, int flags) {
            int s = seq;
            if (wrongSeqReplies > 0) {
                wrongSeqReplies--;
                s = seq + 1000;
                if (msg.length >= 36 && (ByteBuffer.wrap(msg).order(ByteOrder.nativeOrder()).getShort(4) & 0xFFFF)
                        == Nl.NLMSG_ERROR) {
                    ByteBuffer.wrap(msg).order(ByteOrder.nativeOrder()).putInt(16 + 4 + 8, s);
                }
            }
            ByteBuffer b = ByteBuffer.wrap(msg).order(ByteOrder.nativeOrder());
            b.putShort(6, (short) ((b.getShort(6) & 0xFFFF & ~(Nl.F_REQUEST | Nl.F_ACK)) | flags));
            b.putInt(8, s).putInt(12, PORT);
            return msg;
        }
    }

    private static boolean isWrite(int cmd) {
        return cmd == CMD_NEW_SERVICE || cmd == CMD_SET_SERVICE || cmd == CMD_DEL_SERVICE || cmd == CMD_NEW_DEST
                || cmd == CMD_SET_DEST || cmd == CMD_DEL_DEST || cmd == CMD_FLUSH;
    }

    /** Applies one write request; returns the errno the kernel would answer, 0 for success. */
    private int write(Message m) throws NetlinkException {
        int cmd = m.genlCmd();
        if (cmd == CMD_FLUSH) {
            table.clear();
            return 0;
        }
        ServiceKey key = key(m);
        ServiceState s = table.get(key);
        switch (cmd) {
            case CMD_NEW_SERVICE -> {
                if (s != null) {
                    return Nl.EEXIST;
                }
                table.put(key, new ServiceState(IpvsCodec.parseService(m).service(), Stats.ZERO, List.of()));
                return 0;
            }
            case CMD_SET_SERVICE -> {
                if (s == null) {
                    return Nl.ESRCH;
                }
                table.put(key, new ServiceState(IpvsCodec.parseService(m).service(), s.stats(), s.destinations()));
                return 0;
            }
            case CMD_DEL_SERVICE -> {
                return table.remove(key) == null ? Nl.ESRCH : 0;
            }
            default -> { }
        }
        if (s == null) {
            return Nl.ESRCH;
        }
        Destination d = IpvsCodec.parseDestination(m, key.family()).destination();
        List<DestinationState> ds = new ArrayList<>(s.destinations());
        int at = -1;
        for (int i = 0; i < ds.size(); i++) {
            if (ds.get(i).destination().address().equals(d.address()) && ds.get(i).destination().port() == d.port()) {
                at = i;
            }
        }
        if (cmd == CMD_NEW_DEST) {
            if (at >= 0) {
                return Nl.EEXIST;
            }
            ds.add(new DestinationState(d, 0, 0, 0, Stats.ZERO));
        } else if (at < 0) {
            return Nl.ENOENT;
        } else if (cmd == CMD_SET_DEST) {
            ds.set(at, new DestinationState(d, 0, 0, 0, Stats.ZERO));
        } else {
            ds.remove(at);
        }
        table.put(key, new ServiceState(s.service(), s.stats(), ds));
        return 0;
    }

    /** The service identity of a request (address, port, protocol or fwmark, family). */
    private static ServiceKey key(Message m) throws NetlinkException {
        AttrReader top = m.genlAttrs();
        while (top.next()) {
            if (top.type() != CMD_ATTR_SERVICE) {
                continue;
            }
            AttrReader r = top.nested();
            int af = 0;
            int proto = 0;
            byte[] addr = null;
            int port = 0;
            long fwmark = 0;
            while (r.next()) {
                switch (r.type()) {
                    case SVC_AF -> af = r.u16();
                    case SVC_PROTOCOL -> proto = r.u16();
                    case SVC_ADDR -> addr = r.bytes();
                    case SVC_PORT -> port = r.u16be();
                    case SVC_FWMARK -> fwmark = r.u32() & 0xFFFFFFFFL;
                    default -> { }
                }
            }
            top.check(r);
            Family family = Family.fromCode(af);
            return fwmark != 0 ? ServiceKey.ofFwmark(family, fwmark)
                    : new ServiceKey(family, Protocol.fromCode(proto), Addresses.fromBytes(family, addr), port, 0);
        }
        throw NetlinkException.malformed("request without a service");
    }
}
