package lvsd.daemon;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lvsd.ipvs.DestinationState;
import lvsd.ipvs.IpvsInfo;
import lvsd.ipvs.IpvsOp;
import lvsd.ipvs.IpvsTable;
import lvsd.ipvs.ServiceKey;
import lvsd.ipvs.ServiceState;
import lvsd.ipvs.Stats;
import lvsd.ipvsadm.IpvsadmFormat;
import lvsd.ipvsadm.IpvsadmSyntax;
import lvsd.ipvsadm.RestoreParser;

/**
 * An IPVS table in memory for host tests: a function from operations to a new table, refusing what the kernel
 * refuses (adding what exists, editing or deleting what is missing) by reporting it, as {@link Kernel} says.
 * Counts write requests, the figure the benchmark reports from the real kernel.
 */
final class MemoryKernel implements Kernel {

    IpvsTable table = new IpvsTable(new IpvsInfo(0x10201, 4096), List.of());
    final List<IpvsOp> written = new ArrayList<>();
    /** Ops the "kernel" refuses (a fault test's lever); nothing by default. */
    java.util.function.Predicate<IpvsOp> refuse = op -> false;

    /** Applies ipvsadm-restore lines as an operator would with ipvsadm. */
    void ipvsadm(String rules) {
        try {
            List<String> refused = apply(RestoreParser.parse(rules));
            if (!refused.isEmpty()) {
                throw new AssertionError(refused);
            }
        } catch (RestoreParser.SyntaxException e) {
            throw new AssertionError(e);
        }
        written.clear();
    }

    /** The table as ipvsadm-save -n prints it. */
    String save() {
        return IpvsadmFormat.save(table);
    }

    @Override
    public IpvsTable table() {
        return table;
    }

    @Override
    public List<String> apply(List<IpvsOp> ops) {
        List<String> refused = new ArrayList<>();
        Map<ServiceKey, ServiceState> m = new LinkedHashMap<>();
        for (ServiceState s : table.services()) {
            m.put(s.key(), s);
        }
        for (IpvsOp op : ops) {
            written.add(op);
            String why = refuse.test(op) ? "refused (test)" : applyOne(m, op);
            if (why != null) {
                refused.add(IpvsadmSyntax.op(op) + ": " + why);
            }
        }
        table = new IpvsTable(table.info(), new ArrayList<>(m.values()));
        return refused;
    }

    private static String applyOne(Map<ServiceKey, ServiceState> m, IpvsOp op) {
        ServiceKey k = op.serviceKey();
        ServiceState s = m.get(k);
        if (op instanceof IpvsOp.AddService a) {
            if (s != null) {
                return "service exists";
            }
            m.put(k, new ServiceState(a.service(), Stats.ZERO, List.of()));
            return null;
        }
        if (s == null) {
            return "no such service";
        }
        if (op instanceof IpvsOp.EditService e) {
            m.put(k, new ServiceState(e.service(), s.stats(), s.destinations()));
            return null;
        }
        if (op instanceof IpvsOp.DeleteService) {
            m.remove(k);
            return null;
        }
        List<DestinationState> ds = new ArrayList<>(s.destinations());
        if (op instanceof IpvsOp.AddDestination a) {
            if (find(ds, a.destination().address(), a.destination().port()) >= 0) {
                return "destination exists";
            }
            ds.add(new DestinationState(a.destination(), 0, 0, 0, Stats.ZERO));
        } else if (op instanceof IpvsOp.EditDestination e) {
            int i = find(ds, e.destination().address(), e.destination().port());
            if (i < 0) {
                return "no such destination";
            }
            DestinationState old = ds.get(i);
            ds.set(i, new DestinationState(e.destination(), old.activeConns(), old.inactiveConns(),
                    old.persistentConns(), old.stats()));
        } else if (op instanceof IpvsOp.DeleteDestination d) {
            int i = find(ds, d.address(), d.port());
            if (i < 0) {
                return "no such destination";
            }
            ds.remove(i);
        } else {
            return "not supported here";
        }
        m.put(k, new ServiceState(s.service(), s.stats(), ds));
        return null;
    }

    private static int find(List<DestinationState> ds, java.net.InetAddress a, int port) {
        for (int i = 0; i < ds.size(); i++) {
            var d = ds.get(i).destination();
            if (d.address().equals(a) && d.port() == port) {
                return i;
            }
        }
        return -1;
    }
}
