package lvsd.director;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import lvsd.inet.Forwarding;
import lvsd.ipvs.Destination;
import lvsd.ipvs.DestinationState;
import lvsd.ipvs.IpvsOp;
import lvsd.ipvs.IpvsTable;
import lvsd.ipvs.Service;
import lvsd.ipvs.ServiceKey;
import lvsd.ipvs.ServiceState;

/**
 * The minimal set of IPVS operations that turns the kernel's table into the desired one. Pure: a function of
 * the kernel snapshot, the desired table, the services lvsd owns from earlier configurations, the drain
 * deadlines and the current time. Times are readings of a monotonic clock in nanoseconds ({@code lvsd.clock.Ticker}):
 * a drain deadline is a duration from the moment the real was dropped, which a wall-clock step (NTP) must not
 * shorten or stretch.
 *
 * <ul>
 *   <li>Services not desired and not owned are never touched.</li>
 *   <li>Anything an edit can change is edited in place ({@code -E}, {@code -e}); only a changed identity
 *       (service address/port/protocol/fwmark/family, destination address/port) is a delete plus an add.</li>
 *   <li>Destinations of a desired service that it does not name are deleted, or, with drain, set to weight 0
 *       and deleted when their active + inactive connections reach 0 or the drain deadline passes.</li>
 *   <li>Owned services that are no longer desired (dropped by a reload) are deleted.</li>
 * </ul>
 * Within a service, adds come before edits and deletes, so swapping the fallback for a real never leaves the
 * service empty for a moment.
 */
public final class Reconciler {

    private Reconciler() {}

    /**
     * @param ops      the operations, in the order to apply them
     * @param draining drain deadlines of destinations still draining after these operations
     * @param purged   destinations deleted because the configuration does not name them, with the reason
     */
    public record Plan(List<IpvsOp> ops, Map<DestRef, Long> draining, Map<DestRef, String> purged) {
        public Plan {
            ops = List.copyOf(ops);
            draining = Map.copyOf(draining);
            purged = Map.copyOf(purged);
        }
    }

    public static Plan diff(IpvsTable actual, DesiredTable desired, Set<ServiceKey> owned,
            Map<DestRef, Long> draining, long nowNanos) {
        List<IpvsOp> ops = new ArrayList<>();
        Map<DestRef, Long> stillDraining = new HashMap<>();
        Map<DestRef, String> purged = new LinkedHashMap<>();
        Set<ServiceKey> desiredKeys = new java.util.HashSet<>();
        Map<ServiceKey, ServiceState> index = DesiredTable.index(actual);
        for (DesiredService ds : desired.services()) {
            desiredKeys.add(ds.service().key());
            service(Optional.ofNullable(index.get(ds.service().key())), ds, draining, nowNanos, ops, stillDraining,
                    purged);
        }
        for (ServiceState s : actual.services()) {
            if (owned.contains(s.key()) && !desiredKeys.contains(s.key())) {
                ops.add(new IpvsOp.DeleteService(s.key()));
            }
        }
        return new Plan(ops, stillDraining, purged);
    }

    private static void service(Optional<ServiceState> current, DesiredService ds, Map<DestRef, Long> draining,
            long nowNanos, List<IpvsOp> ops, Map<DestRef, Long> stillDraining, Map<DestRef, String> purged) {
        Service want = ds.service();
        ServiceKey key = want.key();
        Map<DestRef, DestinationState> have = new LinkedHashMap<>();
        if (current.isEmpty()) {
            ops.add(new IpvsOp.AddService(want));
        } else {
            if (!current.get().service().equals(want)) {
                ops.add(new IpvsOp.EditService(want));
            }
            for (DestinationState d : current.get().destinations()) {
                have.put(DestRef.of(key, d.destination()), d);
            }
        }
        List<IpvsOp> adds = new ArrayList<>();
        List<IpvsOp> edits = new ArrayList<>();
        List<IpvsOp> deletes = new ArrayList<>();
        for (DesiredDest dd : ds.destinations()) {
            Destination d = dd.destination();
            DestinationState h = have.remove(DestRef.of(key, d));
            switch (dd.placement().mode()) {
                case ENSURE -> {
                    if (h == null) {
                        adds.add(new IpvsOp.AddDestination(key, d));
                    } else if (!matches(h.destination(), d)) {
                        edits.add(new IpvsOp.EditDestination(key, d));
                    }
                }
                case IF_PRESENT -> {
                    if (h != null && !matches(h.destination(), d)) {
                        edits.add(new IpvsOp.EditDestination(key, d));
                    }
                }
                case ABSENT -> {
                    if (h != null) {
                        deletes.add(IpvsOp.DeleteDestination.of(key, d));
                    }
                }
                case LEAVE -> { }
            }
        }
        // What is left in the kernel, the configuration does not name.
        for (Map.Entry<DestRef, DestinationState> e : have.entrySet()) {
            DestRef ref = e.getKey();
            Destination d = e.getValue().destination();
            if (ds.drainSeconds() == 0) {
                deletes.add(IpvsOp.DeleteDestination.of(key, d));
                purged.put(ref, "not in the configuration");
                continue;
            }
            long deadline = draining.getOrDefault(ref, nowNanos + ds.drainSeconds() * 1_000_000_000L);
            long conns = e.getValue().activeConns() + e.getValue().inactiveConns();
            if (conns == 0 || nowNanos - deadline >= 0) {
                deletes.add(IpvsOp.DeleteDestination.of(key, d));
                purged.put(ref, conns == 0 ? "not in the configuration, no connections left"
                        : "not in the configuration, drain time up with " + conns + " connections");
                continue;
            }
            if (d.weight() != 0) {
                edits.add(new IpvsOp.EditDestination(key, d.withWeight(0)));
            }
            stillDraining.put(ref, deadline);
        }
        ops.addAll(adds);
        ops.addAll(edits);
        ops.addAll(deletes);
    }

    /**
     * Whether the kernel's destination already is the wanted one. The kernel reports a real that is the director
     * itself as Local; ipvsadm saves that as {@code -g}, so it satisfies a wanted direct-routing destination.
     */
    static boolean matches(Destination have, Destination want) {
        if (have.forwarding() == Forwarding.LOCAL && want.forwarding() == Forwarding.ROUTE) {
            return new Destination(have.address(), have.port(), Forwarding.ROUTE, have.weight(), have.upperThreshold(),
                    have.lowerThreshold()).equals(want);
        }
        return have.equals(want);
    }
}
