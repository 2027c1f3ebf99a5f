package lvsd.inet;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Address family of a virtual service, real server or IPVS record, with its AF_* number. In ldirectord.cf
 * {@code virtual=} is IPv4 and {@code virtual6=} IPv6.
 */
public enum Family {
    INET(2),
    INET6(10);

    private final int code;

    Family(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** Whether {@code address} belongs to this family. */
    public boolean matches(InetAddress address) {
        return this == INET ? address instanceof Inet4Address : address instanceof Inet6Address;
    }

    /** "IPv4" or "IPv6", for messages. */
    public String label() {
        return this == INET ? "IPv4" : "IPv6";
    }

    public static Family of(InetAddress address) {
        return address instanceof Inet6Address ? INET6 : INET;
    }

    public static Family fromCode(int code) {
        return switch (code) {
            case 2 -> INET;
            case 10 -> INET6;
            default -> throw new IllegalArgumentException("unknown address family " + code);
        };
    }
}
