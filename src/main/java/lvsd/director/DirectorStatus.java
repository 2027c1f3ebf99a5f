package lvsd.director;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lvsd.ipvs.ServiceKey;
import lvsd.status.StatusSnapshot;

/** The director's state as the status snapshot shows it: virtuals by service, reals by endpoint. */
public final class DirectorStatus {
    private DirectorStatus() {}

    public static StatusSnapshot.Director of(DirectorState state, long fallbackCommandsRun) {
        Map<String, ServiceKey> services = new TreeMap<>();
        Map<ServiceKey, Map<String, StatusSnapshot.Real>> reals = new HashMap<>();
        state.statuses().forEach((d, st) -> {
            services.put(d.service().ipvsadm(), d.service());
            reals.computeIfAbsent(d.service(), k -> new TreeMap<>()).put(d.endpoint(),
                    new StatusSnapshot.Real(d.endpoint(), st.kind().word(), st.weight(),
                            st.kind() == RealStatus.Kind.FALLBACK, state.draining().containsKey(d)));
        });
        state.fallback().keySet().forEach(k -> services.put(k.ipvsadm(), k));
        List<StatusSnapshot.Virtual> virtuals = new ArrayList<>();
        for (ServiceKey k : services.values()) {
            virtuals.add(new StatusSnapshot.Virtual(k.ipvsadm(),
                    state.fallback().get(k) == FallbackMachine.State.ON,
                    List.copyOf(reals.getOrDefault(k, Map.of()).values())));
        }
        return new StatusSnapshot.Director(state.owned().size(), state.draining().size(), fallbackCommandsRun,
                virtuals);
    }
}
