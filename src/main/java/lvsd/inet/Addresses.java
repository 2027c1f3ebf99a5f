package lvsd.inet;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Numeric address text in both directions, without ever asking DNS; the one formatter that the config model,
 * the IPVS model, ipvsadm's text formats and the status views share, so an address prints the same everywhere.
 * Formatting follows glibc's inet_ntop (which ipvsadm and ldirectord's output go through): the longest run of
 * two or more zero groups becomes "::" (the first on a tie), hex in lower case, ::ffff:a.b.c.d and ::a.b.c.d
 * keep the dotted tail. A scope id is never printed.
 */
public final class Addresses {
    private Addresses() {}

    /** The numeric form without any host name: {@code 192.0.2.1}, {@code 2001:db8::1}. */
    public static String numeric(InetAddress a) {
        if (a instanceof Inet4Address) {
            return a.getHostAddress();
        }
        return format6(a.getAddress());
    }

    /** {@code 10.0.0.1:80} or {@code [2001:db8::1]:80}. */
    public static String withPort(InetAddress a, int port) {
        return a instanceof Inet6Address ? "[" + numeric(a) + "]:" + port : numeric(a) + ":" + port;
    }

    static String format6(byte[] b) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((b[2 * i] & 0xFF) << 8) | (b[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLen = 0;
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
        if (bestLen < 2) {
            bestStart = -1;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (bestStart >= 0 && i >= bestStart && i < bestStart + bestLen) {
                if (i == bestStart) {
                    sb.append(':');
                }
                continue;
            }
            if (i != 0) {
                sb.append(':');
            }
            // an IPv4-compatible (::a.b.c.d) or IPv4-mapped (::ffff:a.b.c.d) address keeps its dotted tail
            if (i == 6 && bestStart == 0 && (bestLen == 6 || (bestLen == 5 && g[5] == 0xFFFF))) {
                sb.append(b[12] & 0xFF).append('.').append(b[13] & 0xFF).append('.')
                        .append(b[14] & 0xFF).append('.').append(b[15] & 0xFF);
                return sb.toString();
            }
            sb.append(Integer.toHexString(g[i]));
        }
        if (bestStart >= 0 && bestStart + bestLen == 8) {
            sb.append(':');
        }
        return sb.toString();
    }

    /**
     * Parses a numeric IPv4 or IPv6 address (brackets allowed around IPv6). Never resolves names.
     *
     * @throws IllegalArgumentException if the text is not a numeric address
     */
    public static InetAddress parse(String text) {
        String s = text;
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        byte[] bytes = s.indexOf(':') >= 0 ? parse6(s) : parse4(s);
        if (bytes == null) {
            throw new IllegalArgumentException("not a numeric IP address: " + text);
        }
        try {
            if (bytes.length == 16) {
                // getByAddress would turn ::ffff:a.b.c.d into an Inet4Address; keep IPv6 as IPv6
                return Inet6Address.getByAddress(null, bytes, -1);
            }
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not a numeric IP address: " + text, e);
        }
    }

    /** Makes an address from kernel bytes (4 or 16), keeping IPv6 as IPv6. */
    public static InetAddress fromBytes(Family family, byte[] raw) {
        try {
            if (family == Family.INET) {
                return InetAddress.getByAddress(java.util.Arrays.copyOf(raw, 4));
            }
            return Inet6Address.getByAddress(null, java.util.Arrays.copyOf(raw, 16), -1);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static byte[] parse4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3) {
                return null;
            }
            int v = 0;
            for (int k = 0; k < p.length(); k++) {
                char c = p.charAt(k);
                if (c < '0' || c > '9') {
                    return null;
                }
                v = v * 10 + (c - '0');
            }
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    static byte[] parse6(String s) {
        int dc = s.indexOf("::");
        if (dc >= 0 && s.indexOf("::", dc + 1) >= 0) {
            return null;
        }
        String head = dc >= 0 ? s.substring(0, dc) : s;
        String tail = dc >= 0 ? s.substring(dc + 2) : "";
        int[] hg = groups(head);
        int[] tg = groups(tail);
        if (hg == null || tg == null) {
            return null;
        }
        int total = hg.length + tg.length;
        if (dc < 0 ? total != 8 : total > 7) {
            return null;
        }
        byte[] out = new byte[16];
        for (int i = 0; i < hg.length; i++) {
            out[2 * i] = (byte) (hg[i] >> 8);
            out[2 * i + 1] = (byte) hg[i];
        }
        for (int i = 0; i < tg.length; i++) {
            int k = 8 - tg.length + i;
            out[2 * k] = (byte) (tg[i] >> 8);
            out[2 * k + 1] = (byte) tg[i];
        }
        return out;
    }

    /** 16-bit groups of one side of "::"; a dotted IPv4 tail counts as two groups. */
    private static int[] groups(String s) {
        if (s.isEmpty()) {
            return new int[0];
        }
        String[] parts = s.split(":", -1);
        int n = parts.length;
        boolean v4 = parts[n - 1].indexOf('.') >= 0;
        int[] out = new int[v4 ? n + 1 : n];
        for (int i = 0; i < n; i++) {
            String p = parts[i];
            if (v4 && i == n - 1) {
                byte[] b = parse4(p);
                if (b == null) {
                    return null;
                }
                out[i] = ((b[0] & 0xFF) << 8) | (b[1] & 0xFF);
                out[i + 1] = ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
                break;
            }
            if (p.isEmpty() || p.length() > 4) {
                return null;
            }
            int v = 0;
            for (char c : p.toCharArray()) {
                int d = Character.digit(c, 16);
                if (d < 0) {
                    return null;
                }
                v = v * 16 + d;
            }
            out[i] = v;
        }
        return out;
    }
}
