package lvsd.director;

import java.util.HashSet;
import java.util.Set;
import lvsd.config.Config;
import lvsd.config.VirtualService;
import lvsd.ipvs.ServiceKey;

/**
 * Which virtual services count as healthy for VRRP's {@code track_virtual}: those with at least one real in
 * rotation (the fallback does not count), each under every name the parser accepts for it
 * ({@link VirtualService#trackNames}: servicename=, the address as written after virtual=, lvsd's own label).
 */
public final class TrackedVirtuals {
    private TrackedVirtuals() {}

    public static Set<String> healthy(DirectorState state, Config config) {
        Set<ServiceKey> up = new HashSet<>();
        state.statuses().forEach((dest, status) -> {
            if (status.kind() == RealStatus.Kind.UP) {
                up.add(dest.service());
            }
        });
        Set<String> names = new HashSet<>();
        for (VirtualService v : config.virtuals()) {
            if (up.contains(ConfigMapping.key(v.key()))) {
                names.addAll(v.trackNames());
            }
        }
        return Set.copyOf(names);
    }
}
