package lvsd.director;

import java.net.Inet6Address;
import java.net.InetAddress;

/** Addresses as operators write them: IPv4 dotted, IPv6 in RFC 5952 short form (Java prints every group). */
final class AddrText {

    private AddrText() {}

    static String of(InetAddress ip) {
        if (!(ip instanceof Inet6Address)) {
            return ip.getHostAddress();
        }
        byte[] b = ip.getAddress();
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        // The longest run of two or more zero groups (the first one on a tie) becomes "::".
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
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
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    /** {@code 10.0.0.2:80} or {@code [2001:db8::2]:80}. */
    static String withPort(InetAddress ip, int port) {
        return bracketed(ip) + ":" + port;
    }

    static String bracketed(InetAddress ip) {
        return ip instanceof Inet6Address ? "[" + of(ip) + "]" : of(ip);
    }
}
