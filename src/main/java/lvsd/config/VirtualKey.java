package lvsd.config;

import java.net.InetAddress;
import java.util.Objects;
import lvsd.inet.Addresses;
import lvsd.inet.Family;
import lvsd.inet.Protocol;

/**
 * The identity of a virtual service, as IPVS keys it: protocol + address + port, or family + firewall mark.
 * Two virtual blocks with the same key are a config error. A fwmark key ({@code fwmark} > 0) has no protocol,
 * address or port (null, null, 0); an address key has all three and {@code fwmark} 0.
 */
public record VirtualKey(Protocol protocol, Family family, InetAddress address, int port, long fwmark) {

    public VirtualKey {
        Objects.requireNonNull(family, "family");
        if (fwmark != 0) {
            if (protocol != null || address != null || port != 0) {
                throw new IllegalArgumentException("a fwmark virtual has no protocol, address or port");
            }
            if (fwmark < 1 || fwmark > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("fwmark must be 1..4294967295, got " + fwmark);
            }
        } else {
            Objects.requireNonNull(protocol, "protocol");
            Objects.requireNonNull(address, "address");
            if (!family.matches(address)) {
                throw new IllegalArgumentException(address + " is not an " + family.label() + " address");
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, got " + port);
            }
        }
    }

    public static VirtualKey of(Protocol protocol, InetAddress address, int port) {
        return new VirtualKey(protocol, Family.of(address), address, port, 0);
    }

    public static VirtualKey fwmark(Family family, long mark) {
        if (mark == 0) {
            throw new IllegalArgumentException("fwmark must be 1..4294967295, got 0");
        }
        return new VirtualKey(null, family, null, 0, mark);
    }

    public boolean isFwmark() {
        return fwmark != 0;
    }

    /** {@code tcp:192.0.2.1:80}, {@code udp:[2001:db8::1]:53}, {@code fwm:7} or {@code fwm6:7}. */
    @Override
    public String toString() {
        if (isFwmark()) {
            return (family == Family.INET6 ? "fwm6:" : "fwm:") + fwmark;
        }
        return protocol.word() + ":" + Addresses.withPort(address, port);
    }
}
