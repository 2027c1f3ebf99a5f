package lvsd.director;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import lvsd.ipvs.IpvsTable;
import lvsd.ipvs.ServiceKey;
import lvsd.ipvs.ServiceState;
import lvsd.ipvs.Stats;
import lvsd.status.StatusSnapshot;

/** The director's state as the status snapshot shows it: virtuals by service, reals by endpoint. */
public final class DirectorStatus {
    private DirectorStatus() {}

    public static StatusSnapshot.Director of(DirectorState state, long fallbackCommandsRun) {
        return of(state, fallbackCommandsRun, null);
    }

    /** With each virtual's and real's counters from {@code table}, the loop's last dump (null: none yet). */
    public static StatusSnapshot.Director of(DirectorState state, long fallbackCommandsRun, IpvsTable table) {
        Map<String, ServiceKey> services = new TreeMap<>();
        Map<ServiceKey, Map<String, StatusSnapshot.Real>> reals = new HashMap<>();
        state.statuses().forEach((d, st) -> {
            services.put(d.service().ipvsadm(), d.service());
            reals.computeIfAbsent(d.service(), k -> new TreeMap<>()).put(d.endpoint(),
                    new StatusSnapshot.Real(d.endpoint(), st.kind().word(), st.weight(),
                            st.kind() == RealStatus.Kind.FALLBACK, state.draining().containsKey(d),
                            traffic(table, d)));
        });
        state.fallback().keySet().forEach(k -> services.put(k.ipvsadm(), k));
        List<StatusSnapshot.Virtual> virtuals = new ArrayList<>();
        for (ServiceKey k : services.values()) {
            virtuals.add(new StatusSnapshot.Virtual(k.ipvsadm(),
                    state.fallback().get(k) == FallbackMachine.State.ON,
                    List.copyOf(reals.getOrDefault(k, Map.of()).values()),
                    service(table, k).map(sv -> traffic(0, 0, sv.stats())).orElse(null)));
        }
        return new StatusSnapshot.Director(state.owned().size(), state.draining().size(), fallbackCommandsRun,
                virtuals);
    }

    private static Optional<ServiceState> service(IpvsTable table, ServiceKey key) {
        return table == null ? Optional.empty() : table.find(key);
    }

    private static StatusSnapshot.Traffic traffic(IpvsTable table, DestRef d) {
        return service(table, d.service()).flatMap(sv -> sv.destinations().stream()
                        .filter(ds -> ds.destination().address().equals(d.address())
                                && ds.destination().port() == d.port())
                        .findFirst())
                .map(ds -> traffic(ds.activeConns(), ds.inactiveConns(), ds.stats()))
                .orElse(null);
    }

    private static StatusSnapshot.Traffic traffic(long active, long inactive, Stats st) {
        return new StatusSnapshot.Traffic(active, inactive, st.conns(), st.inPkts(), st.outPkts(), st.inBytes(),
                st.outBytes());
    }
}
