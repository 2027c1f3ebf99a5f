package lvsd.vrrp;

import java.util.HexFormat;

/** Test fixtures: hex with blanks, newlines and {@code |} comments-free separators ignored. */
final class Hex {
    private Hex() {}

    static byte[] bytes(String s) {
        return HexFormat.of().parseHex(s.replaceAll("[\\s|]", ""));
    }

    static Inet4 ip(String s) {
        return new Inet4(s);
    }

    record Inet4(String text) {
        java.net.Inet4Address addr() {
            try {
                return (java.net.Inet4Address) java.net.InetAddress.getByName(text);
            } catch (java.net.UnknownHostException e) {
                throw new AssertionError(e);
            }
        }
    }

    static java.net.Inet4Address v4(String s) {
        return ip(s).addr();
    }
}
