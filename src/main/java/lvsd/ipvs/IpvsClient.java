package lvsd.ipvs;

import java.util.ArrayList;
import java.util.List;
import lvsd.netlink.GenlFamily;
import lvsd.netlink.Message;
import lvsd.netlink.NetlinkException;
import lvsd.netlink.NetlinkSocket;
import lvsd.netlink.sys.NetlinkFd;
import lvsd.netlink.Nl;

/**
 * Reads and changes the IPVS table of the caller's network namespace over generic netlink. One owner per
 * instance (the socket is not shared between threads). Every failure is an {@link IpvsException}.
 */
public final class IpvsClient implements AutoCloseable {
    private final NetlinkSocket socket;
    private final IpvsCodec codec;

    public IpvsClient(NetlinkSocket socket, int familyId) {
        this.socket = socket;
        this.codec = new IpvsCodec(familyId);
    }

    /** Opens a generic netlink socket and resolves the IPVS family. */
    public static IpvsClient open() throws IpvsException {
        NetlinkSocket s;
        try {
            s = NetlinkFd.socket(Nl.NETLINK_GENERIC);
        } catch (NetlinkException e) {
            throw IpvsException.of(e, null, "opening a generic netlink socket");
        }
        try {
            return new IpvsClient(s, GenlFamily.resolve(s, IpvsWire.FAMILY_NAME).id());
        } catch (NetlinkException e) {
            s.close();
            if (e.fromKernel() && e.errno() == Nl.ENOENT) {
                throw IpvsException.notAvailable(e);
            }
            throw IpvsException.of(e, null, "resolving the IPVS netlink family");
        }
    }

    public int familyId() {
        return codec.familyId();
    }

    public IpvsInfo info() throws IpvsException {
        try {
            return IpvsCodec.parseInfo(single(codec.getInfo(), "reading IPVS info"));
        } catch (NetlinkException e) {
            throw IpvsException.of(e, null, "reading IPVS info");
        }
    }

    public Timeouts timeouts() throws IpvsException {
        try {
            return IpvsCodec.parseConfig(single(codec.getConfig(), "reading IPVS timeouts"));
        } catch (NetlinkException e) {
            throw IpvsException.of(e, null, "reading IPVS timeouts");
        }
    }

    public void setTimeouts(Timeouts t) throws IpvsException {
        apply(List.of(new IpvsOp.SetTimeouts(t)));
    }

    /** Every service with its counters, without destinations, in the kernel's dump order. */
    public List<ServiceState> services() throws IpvsException {
        List<ServiceState> out = new ArrayList<>();
        try {
            for (Message m : socket.dump(codec.dumpServices())) {
                if (m.type() == codec.familyId()) {
                    out.add(IpvsCodec.parseService(m));
                }
            }
        } catch (NetlinkException e) {
            throw IpvsException.of(e, null, "listing services");
        }
        return out;
    }

    /** The destinations of one service (empty if the service does not exist), in the kernel's dump order. */
    public List<DestinationState> destinations(ServiceKey key) throws IpvsException {
        List<DestinationState> out = new ArrayList<>();
        try {
            for (Message m : socket.dump(codec.dumpDestinations(key))) {
                if (m.type() == codec.familyId()) {
                    out.add(IpvsCodec.parseDestination(m, key.family()));
                }
            }
        } catch (NetlinkException e) {
            throw IpvsException.of(e, null, "listing destinations of " + key.ipvsadm());
        }
        return out;
    }

    /**
     * A snapshot of the whole table: info, services, their destinations, in the kernel's dump order
     * ({@code lvsd.ipvsadm.IpvsadmOrder#sorted} gives ipvsadm's listing order).
     */
    public IpvsTable table() throws IpvsException {
        IpvsInfo info = info();
        List<ServiceState> full = new ArrayList<>();
        for (ServiceState s : services()) {
            full.add(new ServiceState(s.service(), s.stats(), destinations(s.key())));
        }
        return new IpvsTable(info, full);
    }

    public void apply(IpvsOp op) throws IpvsException {
        apply(List.of(op));
    }

    /**
     * Executes the operations in order, many per system call. Every operation is attempted; if any failed,
     * throws an {@link IpvsException.ApplyException} listing each failure (the others took effect).
     */
    public void apply(List<? extends IpvsOp> ops) throws IpvsException {
        List<IpvsException> results = applyEach(ops);
        List<IpvsException> failures = new ArrayList<>();
        for (IpvsException e : results) {
            if (e != null) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            throw new IpvsException.ApplyException(failures, ops.size());
        }
    }

    /**
     * Executes the operations in order, many per system call, and returns one entry per operation: null
     * when it succeeded, else its error.
     *
     * @throws IpvsException when the socket itself fails (the outcome of the current batch is unknown)
     */
    public List<IpvsException> applyEach(List<? extends IpvsOp> ops) throws IpvsException {
        List<byte[]> msgs = new ArrayList<>(ops.size());
        for (IpvsOp op : ops) {
            msgs.add(codec.encode(op));
        }
        List<NetlinkException> raw;
        try {
            raw = socket.batch(msgs);
        } catch (NetlinkException e) {
            throw IpvsException.of(e, null, "sending IPVS changes");
        }
        List<IpvsException> out = new ArrayList<>(ops.size());
        for (int i = 0; i < ops.size(); i++) {
            NetlinkException e = raw.get(i);
            out.add(e == null ? null : IpvsException.of(e, ops.get(i), "IPVS change"));
        }
        return out;
    }

    public void flush() throws IpvsException {
        apply(List.of(new IpvsOp.Flush()));
    }

    /** Zeroes the counters of one service, or all if {@code key} is null. */
    public void zero(ServiceKey key) throws IpvsException {
        doRequest(codec.zero(key), "zeroing counters");
    }

    /** Running sync daemons: master first, then backup. */
    public List<SyncDaemon> daemons() throws IpvsException {
        List<SyncDaemon> out = new ArrayList<>();
        try {
            for (Message m : socket.dump(codec.dumpDaemons())) {
                if (m.type() == codec.familyId()) {
                    out.add(IpvsCodec.parseDaemon(m));
                }
            }
        } catch (NetlinkException e) {
            throw IpvsException.of(e, null, "listing sync daemons");
        }
        return out;
    }

    public void startDaemon(SyncDaemon d) throws IpvsException {
        doRequest(codec.startDaemon(d), "starting the " + d.role().name().toLowerCase() + " sync daemon");
    }

    public void stopDaemon(SyncDaemon.Role role) throws IpvsException {
        doRequest(codec.stopDaemon(role), "stopping the " + role.name().toLowerCase() + " sync daemon");
    }

    private void doRequest(byte[] msg, String what) throws IpvsException {
        try {
            socket.request(msg);
        } catch (NetlinkException e) {
            IpvsException ie = IpvsException.of(e, null, what);
            throw new IpvsException(ie.kind() == IpvsException.Kind.OTHER ? IpvsException.Kind.DAEMON : ie.kind(),
                    ie.errno(), null, ie.getMessage(), e);
        }
    }

    private Message single(byte[] msg, String what) throws IpvsException {
        try {
            for (Message m : socket.request(msg)) {
                if (m.type() == codec.familyId()) {
                    return m;
                }
            }
        } catch (NetlinkException e) {
            throw IpvsException.of(e, null, what);
        }
        throw new IpvsException(IpvsException.Kind.OTHER, 0, null, what + ": the kernel sent no answer", null);
    }

    @Override
    public void close() {
        socket.close();
    }
}
