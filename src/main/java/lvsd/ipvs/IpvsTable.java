package lvsd.ipvs;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** An immutable snapshot of a network namespace's whole IPVS table, services in ipvsadm order. */
public record IpvsTable(IpvsInfo info, List<ServiceState> services) {

    public IpvsTable {
        Objects.requireNonNull(info, "info");
        services = services.stream().sorted((a, b) -> a.key().compareTo(b.key())).toList();
    }

    public Optional<ServiceState> find(ServiceKey key) {
        return services.stream().filter(s -> s.key().equals(key)).findFirst();
    }
}
