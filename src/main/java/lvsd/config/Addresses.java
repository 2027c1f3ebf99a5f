package lvsd.config;

import java.net.Inet6Address;
import java.net.InetAddress;

/** Printing addresses the way ipvsadm and ldirectord do (IPv6 in brackets when followed by a port). */
public final class Addresses {
    private Addresses() {}

    /** The numeric form without any host name: {@code 192.0.2.1}, {@code 2001:db8::1}. */
    public static String numeric(InetAddress a) {
        String s = a.getHostAddress();
        int pct = s.indexOf('%');
        String plain = pct < 0 ? s : s.substring(0, pct);
        return a instanceof Inet6Address ? compressV6(plain) : plain;
    }

    /** {@code 192.0.2.1:80} or {@code [2001:db8::1]:80}. */
    public static String withPort(InetAddress a, int port) {
        String n = numeric(a);
        return (a instanceof Inet6Address ? "[" + n + "]" : n) + ":" + port;
    }

    /** RFC 5952 form (Java prints full groups: 2001:db8:0:0:0:0:0:1). */
    static String compressV6(String full) {
        String[] g = full.split(":", -1);
        if (g.length != 8) {
            return full;
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (g[i].equals("0")) {
                int j = i;
                while (j < 8 && g[j].equals("0")) {
                    j++;
                }
                if (j - i > bestLen && j - i >= 2) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(g[i]);
        }
        return sb.toString();
    }
}
