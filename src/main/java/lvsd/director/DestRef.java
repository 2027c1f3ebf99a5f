package lvsd.director;

import java.net.InetAddress;
import java.util.Objects;
import lvsd.inet.Addresses;
import lvsd.ipvs.Destination;
import lvsd.ipvs.ServiceKey;

/** The identity of one destination of one service: what drain deadlines and logged statuses are keyed by. */
public record DestRef(ServiceKey service, InetAddress address, int port) {

    public DestRef {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(address, "address");
    }

    public static DestRef of(ServiceKey service, Destination d) {
        return new DestRef(service, d.address(), d.port());
    }

    public String endpoint() {
        return Addresses.withPort(address, port);
    }
}
