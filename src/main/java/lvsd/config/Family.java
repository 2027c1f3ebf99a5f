package lvsd.config;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/** Address family of a virtual service: {@code virtual=} is IPv4, {@code virtual6=} IPv6. */
public enum Family {
    INET,
    INET6;

    /** Whether {@code address} belongs to this family. */
    public boolean matches(InetAddress address) {
        return this == INET ? address instanceof Inet4Address : address instanceof Inet6Address;
    }

    /** "IPv4" or "IPv6", for messages. */
    public String label() {
        return this == INET ? "IPv4" : "IPv6";
    }
}
