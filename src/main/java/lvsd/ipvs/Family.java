package lvsd.ipvs;

import java.net.Inet6Address;
import java.net.InetAddress;

/** Address family of a service or destination, with its AF_* number. */
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
