package lvsd.config;

import java.net.InetAddress;
import java.util.Objects;
import lvsd.inet.Addresses;
import lvsd.inet.Forwarding;

/**
 * The server added when no real of a virtual is up (ldirectord's {@code fallback}). ldirectord fixes its weight at
 * 1 and never health-checks it; {@code port} is the configured one or the virtual's.
 */
public record Fallback(InetAddress address, int port, Forwarding forwarding, int weight, SourcePos pos) {

    /** ldirectord has no option for the fallback's weight. */
    public static final int WEIGHT = 1;

    public Fallback {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(forwarding, "forwarding");
        Objects.requireNonNull(pos, "pos");
        RealServer.checkPort(port, "port");
        if (weight < 0 || weight > RealServer.MAX_WEIGHT) {
            throw new IllegalArgumentException("weight must be 0.." + RealServer.MAX_WEIGHT + ", got " + weight);
        }
    }

    public String endpoint() {
        return Addresses.withPort(address, port);
    }
}
