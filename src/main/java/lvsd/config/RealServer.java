package lvsd.config;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;
import lvsd.inet.Addresses;
import lvsd.inet.Forwarding;

/**
 * One real server of a virtual service, fully resolved. {@code port} is the port as it appears in the IPVS table
 * ldirectord builds: the configured one; for gate and ipip reals of an address service always the virtual's port
 * (the kernel forces it); 0 when the line has no port and the real is masq or in a fwmark service (IPVS then
 * uses the port the client connected to). {@code checkPort}
 * is the port health checks use (ldirectord's ld_checkport: {@code checkport=}, else the configured port, else
 * the service's standard port; 0 when there is none). Thresholds are 0 when unset (IPVS: no limit). Request and
 * receive are present only when this real's line overrides the virtual's.
 */
public record RealServer(
        InetAddress address,
        int port,
        Forwarding forwarding,
        int weight,
        int lowerThreshold,
        int upperThreshold,
        Optional<String> request,
        Optional<String> receive,
        int checkPort,
        SourcePos pos) {

    /** IPVS (and ipvsadm) accept weights 0..65535. */
    public static final int MAX_WEIGHT = 65535;

    public RealServer {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(forwarding, "forwarding");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(receive, "receive");
        Objects.requireNonNull(pos, "pos");
        checkPort(port, "port");
        checkPort(checkPort, "checkPort");
        if (weight < 0 || weight > MAX_WEIGHT) {
            throw new IllegalArgumentException("weight must be 0.." + MAX_WEIGHT + ", got " + weight);
        }
        if (lowerThreshold < 0 || upperThreshold < 0) {
            throw new IllegalArgumentException("thresholds must not be negative");
        }
        if (request.isPresent() != receive.isPresent()) {
            throw new IllegalArgumentException("a per-real request and receive come as a pair");
        }
    }

    static void checkPort(int port, String what) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(what + " must be 0..65535, got " + port);
        }
    }

    /** {@code 192.0.2.10:80}, {@code [2001:db8::10]:80}. */
    public String endpoint() {
        return Addresses.withPort(address, port);
    }
}
