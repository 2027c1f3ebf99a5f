package lvsd.ipvs;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;
import lvsd.inet.Addresses;
import lvsd.inet.Family;
import lvsd.inet.Forwarding;

/**
 * A real server inside a service: address and port (its identity), forwarding method, weight (0 =
 * quiesced, no new connections) and connection thresholds (0 = none). Natural order is a plain
 * total order (family, address bytes, port); ipvsadm's listing order is {@code lvsd.ipvsadm.IpvsadmOrder}.
 */
public record Destination(InetAddress address, int port, Forwarding forwarding, int weight, int upperThreshold,
        int lowerThreshold) implements Comparable<Destination> {

    public Destination {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(forwarding, "forwarding");
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (weight < 0) {
            throw new IllegalArgumentException("weight must not be negative: " + weight);
        }
        if (upperThreshold < 0 || lowerThreshold < 0) {
            throw new IllegalArgumentException("thresholds must not be negative");
        }
    }

    public static Destination of(InetAddress address, int port, Forwarding forwarding, int weight) {
        return new Destination(address, port, forwarding, weight, 0, 0);
    }

    public Family family() {
        return Family.of(address);
    }

    public Destination withWeight(int w) {
        return new Destination(address, port, forwarding, w, upperThreshold, lowerThreshold);
    }

    /** True if both name the same real server (address and port), whatever the settings. */
    public boolean sameIdentity(Destination o) {
        return port == o.port && address.equals(o.address);
    }

    private static final Comparator<Destination> ORDER = Comparator.comparing(Destination::family)
            .thenComparing((a, b) -> Arrays.compareUnsigned(a.address.getAddress(), b.address.getAddress()))
            .thenComparingInt(Destination::port);

    @Override
    public int compareTo(Destination o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return Addresses.withPort(address, port) + " " + forwarding.label() + " w=" + weight;
    }
}
