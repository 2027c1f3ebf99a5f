package lvsd.director;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lvsd.ipvs.DestinationState;
import lvsd.ipvs.IpvsOp;
import lvsd.ipvs.IpvsTable;
import lvsd.ipvs.ServiceKey;
import lvsd.ipvs.ServiceState;
import lvsd.ipvs.Stats;
import lvsd.ipvsadm.IpvsadmSyntax;

/**
 * The IPVS table's rules as a function (operations in, new snapshot out), strict like the kernel: adding what
 * exists or editing/deleting what is missing throws, so a wrong plan fails the test. Connection counts of
 * edited destinations are kept, as the kernel keeps them.
 */
final class TableModel {

    private TableModel() {}

    static IpvsTable apply(IpvsTable table, List<IpvsOp> ops) {
        Map<ServiceKey, ServiceState> m = new LinkedHashMap<>();
        for (ServiceState s : table.services()) {
            m.put(s.key(), s);
        }
        for (IpvsOp op : ops) {
            ServiceKey k = op.serviceKey();
            ServiceState s = m.get(k);
            if (op instanceof IpvsOp.AddService a) {
                require(s == null, "service exists", op);
                m.put(k, new ServiceState(a.service(), Stats.ZERO, List.of()));
            } else if (op instanceof IpvsOp.EditService e) {
                require(s != null, "no such service", op);
                m.put(k, new ServiceState(e.service(), s.stats(), s.destinations()));
            } else if (op instanceof IpvsOp.DeleteService) {
                require(s != null, "no such service", op);
                m.remove(k);
            } else if (op instanceof IpvsOp.AddDestination a) {
                require(s != null, "no such service", op);
                require(find(s, a.destination().address(), a.destination().port()) < 0, "destination exists", op);
                List<DestinationState> ds = new ArrayList<>(s.destinations());
                ds.add(new DestinationState(a.destination(), 0, 0, 0, Stats.ZERO));
                m.put(k, new ServiceState(s.service(), s.stats(), ds));
            } else if (op instanceof IpvsOp.EditDestination e) {
                require(s != null, "no such service", op);
                int i = find(s, e.destination().address(), e.destination().port());
                require(i >= 0, "no such destination", op);
                List<DestinationState> ds = new ArrayList<>(s.destinations());
                DestinationState old = ds.get(i);
                ds.set(i, new DestinationState(e.destination(), old.activeConns(), old.inactiveConns(),
                        old.persistentConns(), old.stats()));
                m.put(k, new ServiceState(s.service(), s.stats(), ds));
            } else if (op instanceof IpvsOp.DeleteDestination d) {
                require(s != null, "no such service", op);
                int i = find(s, d.address(), d.port());
                require(i >= 0, "no such destination", op);
                List<DestinationState> ds = new ArrayList<>(s.destinations());
                ds.remove(i);
                m.put(k, new ServiceState(s.service(), s.stats(), ds));
            } else {
                throw new AssertionError("the director never flushes or sets timeouts: " + IpvsadmSyntax.op(op));
            }
        }
        return new IpvsTable(table.info(), new ArrayList<>(m.values()));
    }

    /** Sets the connection counts of one destination (traffic in a test). */
    static IpvsTable withConns(IpvsTable table, ServiceKey key, String ipPort, long active, long inactive) {
        List<ServiceState> out = new ArrayList<>();
        Fixtures.HostPort hp = Fixtures.HostPort.parse(ipPort);
        for (ServiceState s : table.services()) {
            if (!s.key().equals(key)) {
                out.add(s);
                continue;
            }
            List<DestinationState> ds = new ArrayList<>();
            for (DestinationState d : s.destinations()) {
                boolean hit = d.destination().address().equals(Fixtures.ip(hp.host())) && d.destination().port() == hp.port();
                ds.add(hit ? new DestinationState(d.destination(), active, inactive, 0, d.stats()) : d);
            }
            out.add(new ServiceState(s.service(), s.stats(), ds));
        }
        return new IpvsTable(table.info(), out);
    }

    private static int find(ServiceState s, java.net.InetAddress a, int port) {
        for (int i = 0; i < s.destinations().size(); i++) {
            var d = s.destinations().get(i).destination();
            if (d.address().equals(a) && d.port() == port) {
                return i;
            }
        }
        return -1;
    }

    private static void require(boolean ok, String what, IpvsOp op) {
        if (!ok) {
            throw new AssertionError(what + ": " + IpvsadmSyntax.op(op));
        }
    }
}
