package lvsd.ipvs;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable snapshot of a network namespace's whole IPVS table. Services and destinations keep the
 * order given: {@link IpvsClient#table()} gives the kernel's dump order, {@code lvsd.ipvsadm.IpvsadmOrder#sorted}
 * ipvsadm's listing order.
 */
public record IpvsTable(IpvsInfo info, List<ServiceState> services) {

    public IpvsTable {
        Objects.requireNonNull(info, "info");
        services = List.copyOf(services);
    }

    public Optional<ServiceState> find(ServiceKey key) {
        return services.stream().filter(s -> s.key().equals(key)).findFirst();
    }
}
