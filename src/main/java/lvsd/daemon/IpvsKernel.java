package lvsd.daemon;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import lvsd.ipvs.IpvsClient;
import lvsd.ipvs.IpvsException;
import lvsd.ipvs.IpvsOp;
import lvsd.ipvs.IpvsTable;
import lvsd.ipvsadm.IpvsadmOrder;
import lvsd.ipvsadm.IpvsadmSyntax;

/**
 * {@link Kernel} over the netlink {@link IpvsClient}. An add that finds the entry already there and a delete that
 * finds it gone count as done (someone else got there first; the next dump shows the truth). Socket failures are
 * thrown as {@link UncheckedIOException}: the loop counts the failed cycle and retries at the next resync.
 *
 * <p>Any failure of a dump or of the socket closes the client, so that the next use opens a new socket and
 * resolves the IPVS family again: after {@code rmmod ip_vs; modprobe ip_vs} the kernel has a new family id and the
 * old one answers ENOENT forever. A failed dump is retried once at once on a fresh client (a dump changes nothing,
 * so the cycle that notices the reload also repairs the table); a failed batch is not (its outcome is unknown: the
 * next cycle's dump shows it). A refused operation inside a batch that otherwise went through keeps the client.
 */
public final class IpvsKernel implements Kernel {

    /** Opens the netlink client; called at the first use, so a VRRP-only node never needs ip_vs. */
    @FunctionalInterface
    public interface Opener {
        IpvsClient open() throws IpvsException;
    }

    private final Opener opener;
    private final DaemonLog log;
    private final IpvsSysctls sysctls;
    private IpvsClient client;
    private long writeBatches;
    private long writeRequests;
    private long opens;

    public IpvsKernel(Opener opener) {
        this(opener, DaemonLog.NONE);
    }

    /** @param log where a dropped and reopened socket is reported */
    public IpvsKernel(Opener opener, DaemonLog log) {
        this(opener, log, null);
    }

    /**
     * @param sysctls checked after every dump (ip_vs is loaded by then, and a reload of the module resets them);
     *     null for none
     */
    public IpvsKernel(Opener opener, DaemonLog log, IpvsSysctls sysctls) {
        this.opener = opener;
        this.log = log;
        this.sysctls = sysctls;
    }

    private IpvsClient client() {
        if (client == null) {
            try {
                client = opener.open();
                opens++;
            } catch (IpvsException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        }
        return client;
    }

    @Override
    public IpvsTable table() {
        IpvsTable table = dump();
        if (sysctls != null) {
            sysctls.ensure();
        }
        return table;
    }

    private IpvsTable dump() {
        boolean fresh = client == null;
        try {
            return IpvsadmOrder.sorted(client().table());
        } catch (IpvsException e) {
            UncheckedIOException failure = failed(e);
            if (fresh) {
                throw failure;
            }
            log.warn("reading the IPVS table failed: " + e.getMessage()
                    + "; reopening the netlink socket and resolving the IPVS family again");
        }
        try {
            return IpvsadmOrder.sorted(client().table());
        } catch (IpvsException e) {
            throw failed(e);
        }
    }

    @Override
    public List<String> apply(List<IpvsOp> ops) {
        List<IpvsException> results;
        try {
            results = client().applyEach(ops);
        } catch (IpvsException e) {
            throw failed(e);
        }
        writeBatches++;
        writeRequests += ops.size();
        List<String> refused = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            IpvsException e = results.get(i);
            if (e == null || alreadyDone(ops.get(i), e)) {
                continue;
            }
            refused.add(IpvsadmSyntax.op(ops.get(i)) + ": " + e.getMessage());
        }
        return refused;
    }

    /** Drops the client (the next use reopens it) and wraps the failure for the loop. */
    private UncheckedIOException failed(IpvsException e) {
        if (client != null) {
            client.close();
            client = null;
        }
        return new UncheckedIOException(e.getMessage() + " (the netlink socket is reopened at the next cycle)", e);
    }

    private static boolean alreadyDone(IpvsOp op, IpvsException e) {
        boolean add = op instanceof IpvsOp.AddService || op instanceof IpvsOp.AddDestination;
        boolean delete = op instanceof IpvsOp.DeleteService || op instanceof IpvsOp.DeleteDestination;
        return (add && e.kind() == IpvsException.Kind.EXISTS)
                || (delete && (e.kind() == IpvsException.Kind.NO_SUCH_SERVICE
                        || e.kind() == IpvsException.Kind.NO_SUCH_DESTINATION));
    }

    /** Netlink write requests sent since start (one per IPVS change). */
    public long writeRequests() {
        return writeRequests;
    }

    public long writeBatches() {
        return writeBatches;
    }

    /** Netlink sockets opened (and the IPVS family resolved) since start: 1, plus one per reopen after a failure. */
    public long opens() {
        return opens;
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
