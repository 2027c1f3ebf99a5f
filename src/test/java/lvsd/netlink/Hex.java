package lvsd.netlink;

import java.util.HexFormat;

/** Hex fixtures written one field per line with comments: "20 00 00 00  # len". */
public final class Hex {
    private Hex() {}

    public static byte[] bytes(String fixture) {
        StringBuilder sb = new StringBuilder();
        for (String line : fixture.split("\n")) {
            int hash = line.indexOf('#');
            sb.append((hash >= 0 ? line.substring(0, hash) : line).replaceAll("\\s+", ""));
        }
        return HexFormat.of().parseHex(sb.toString());
    }

    public static String of(byte[] b) {
        return HexFormat.ofDelimiter(" ").formatHex(b);
    }
}
