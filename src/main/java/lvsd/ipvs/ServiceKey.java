package lvsd.ipvs;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;
import lvsd.inet.Addresses;
import lvsd.inet.Family;
import lvsd.inet.Protocol;

/**
 * What names a virtual service: either protocol + address + port, or a firewall mark (then protocol and
 * address are null and port 0). {@code fwmark} is an unsigned 32-bit value held in a long; 0 means none.
 * Natural order is a plain total order (fwmark, family, protocol, address bytes, port), handy for maps and
 * plans; ipvsadm's own listing order is {@code lvsd.ipvsadm.IpvsadmOrder}.
 */
public record ServiceKey(Family family, Protocol protocol, InetAddress address, int port, long fwmark)
        implements Comparable<ServiceKey> {

    public ServiceKey {
        Objects.requireNonNull(family, "family");
        if (fwmark < 0 || fwmark > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("fwmark out of range: " + fwmark);
        }
        if (fwmark != 0) {
            if (protocol != null || address != null || port != 0) {
                throw new IllegalArgumentException("a fwmark service has no protocol, address or port");
            }
        } else {
            Objects.requireNonNull(protocol, "protocol");
            Objects.requireNonNull(address, "address");
            if (Family.of(address) != family) {
                throw new IllegalArgumentException("address " + address + " is not " + family);
            }
            if (port < 0 || port > 0xFFFF) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        }
    }

    public static ServiceKey of(Protocol protocol, InetAddress address, int port) {
        return new ServiceKey(Family.of(address), protocol, address, port, 0);
    }

    public static ServiceKey ofFwmark(Family family, long mark) {
        if (mark == 0) {
            throw new IllegalArgumentException("fwmark must not be 0");
        }
        return new ServiceKey(family, null, null, 0, mark);
    }

    public boolean isFwmark() {
        return fwmark != 0;
    }

    private static final Comparator<ServiceKey> ORDER = Comparator.comparingLong(ServiceKey::fwmark)
            .thenComparing(ServiceKey::family)
            .thenComparingInt(k -> k.protocol == null ? 0 : k.protocol.code())
            .thenComparing((a, b) -> a.address == null ? 0 : Arrays.compareUnsigned(
                    a.address.getAddress(), b.address.getAddress()))
            .thenComparingInt(ServiceKey::port);

    @Override
    public int compareTo(ServiceKey o) {
        return ORDER.compare(this, o);
    }

    /**
     * The key's name, in ipvsadm's option form: {@code -t 10.0.0.1:80}, {@code -u [2001:db8::1]:53},
     * {@code -f 10 -6}. It is how the daemon's status document and error messages name a service (docs/daemon.md),
     * so it stays with the key; the rest of ipvsadm's syntax is in {@code lvsd.ipvsadm}. Like ipvsadm, a mark
     * above 2^31-1 prints as a negative number.
     */
    public String ipvsadm() {
        if (isFwmark()) {
            return "-f " + (int) fwmark + (family == Family.INET6 ? " -6" : "");
        }
        return protocol.ipvsadmSwitch() + " " + Addresses.withPort(address, port);
    }

    @Override
    public String toString() {
        return ipvsadm();
    }
}
