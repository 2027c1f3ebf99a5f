package lvsd.config;

import java.net.InetAddress;
import java.util.Objects;

/**
 * The identity of a virtual service, as IPVS keys it: protocol + address + port, or family + firewall mark.
 * Two virtual blocks with the same key are a config error. {@code address} is null exactly when the protocol is
 * {@link Protocol#FWM}; {@code port} is 0 and {@code fwmark} > 0 then, and the reverse otherwise.
 */
public record VirtualKey(Protocol protocol, Family family, InetAddress address, int port, long fwmark) {

    public VirtualKey {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(family, "family");
        if (protocol == Protocol.FWM) {
            if (address != null || port != 0) {
                throw new IllegalArgumentException("a fwmark virtual has no address or port");
            }
            if (fwmark < 1 || fwmark > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("fwmark must be 1..4294967295, got " + fwmark);
            }
        } else {
            Objects.requireNonNull(address, "address");
            if (!family.matches(address)) {
                throw new IllegalArgumentException(address + " is not an " + family.label() + " address");
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, got " + port);
            }
            if (fwmark != 0) {
                throw new IllegalArgumentException("an address virtual has no fwmark");
            }
        }
    }

    public static VirtualKey of(Protocol protocol, InetAddress address, int port) {
        Family family = address instanceof java.net.Inet6Address ? Family.INET6 : Family.INET;
        return new VirtualKey(protocol, family, address, port, 0);
    }

    public static VirtualKey fwmark(Family family, long mark) {
        return new VirtualKey(Protocol.FWM, family, null, 0, mark);
    }

    public boolean isFwmark() {
        return protocol == Protocol.FWM;
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
