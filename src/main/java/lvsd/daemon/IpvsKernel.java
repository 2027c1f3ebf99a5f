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
 */
public final class IpvsKernel implements Kernel {

    /** Opens the netlink client; called at the first use, so a VRRP-only node never needs ip_vs. */
    @FunctionalInterface
    public interface Opener {
        IpvsClient open() throws IpvsException;
    }

    private final Opener opener;
    private IpvsClient client;
    private long writeBatches;
    private long writeRequests;

    public IpvsKernel(Opener opener) {
        this.opener = opener;
    }

    private IpvsClient client() {
        if (client == null) {
            try {
                client = opener.open();
            } catch (IpvsException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        }
        return client;
    }

    @Override
    public IpvsTable table() {
        try {
            return IpvsadmOrder.sorted(client().table());
        } catch (IpvsException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    @Override
    public List<String> apply(List<IpvsOp> ops) {
        List<IpvsException> results;
        try {
            results = client().applyEach(ops);
        } catch (IpvsException e) {
            throw new UncheckedIOException(e.getMessage(), e);
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

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }
}
