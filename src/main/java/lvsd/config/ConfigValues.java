package lvsd.config;

import java.math.BigDecimal;
import java.net.Inet4Address;
import java.util.List;

/** Parsers for VRRP directive values; each failure is a {@link BadValue} whose message says what and why. */
final class ConfigValues {
    private ConfigValues() {}

    static boolean validName(String n) {
        return n != null && n.matches("[A-Za-z0-9_.-]+");
    }

    static String ifname(String v) throws BadValue {
        if (!v.matches("[A-Za-z0-9_.:@-]{1,15}")) {
            throw new BadValue("'" + v + "' is not an interface name (1..15 characters, no blanks or '/')");
        }
        return v;
    }

    static int integer(String v, int lo, int hi, String what) throws BadValue {
        try {
            int n = Integer.parseInt(v.trim());
            if (n < lo || n > hi) {
                throw new BadValue(what + " must be " + lo + ".." + hi + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new BadValue(what + " must be a whole number " + lo + ".." + hi + ", got '" + v + "'");
        }
    }

    static int weight(String v) throws BadValue {
        int w = integer(v, -254, 254, "weight");
        return Math.max(-253, Math.min(253, w)); // keepalived clamps ±254 to ±253
    }

    static BigDecimal seconds(String v, String what) throws BadValue {
        try {
            BigDecimal d = new BigDecimal(v.trim());
            if (d.signum() < 0) {
                throw new BadValue(what + " must not be negative, got " + v);
            }
            return d;
        } catch (NumberFormatException e) {
            throw new BadValue(what + " must be a number of seconds, got '" + v + "'");
        }
    }

    static long nanos(String v, double lo, double hi, String what) throws BadValue {
        BigDecimal s = seconds(v, what);
        if (s.doubleValue() < lo || s.doubleValue() > hi) {
            throw new BadValue(what + " must be " + lo + ".." + hi + " seconds, got " + v);
        }
        return s.movePointRight(9).longValue();
    }

    static boolean flag(String v, String what) throws BadValue {
        return switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "", "yes", "true", "on", "1" -> true;
            case "no", "false", "off", "0" -> false;
            default -> throw new BadValue(what + " takes no value or yes/no, got '" + v + "'");
        };
    }

    static Inet4Address ipv4(String v, String what) throws BadValue {
        String t = v.trim();
        if (!t.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            throw new BadValue(what + " must be an IPv4 address, got '" + v + "'");
        }
        String[] parts = t.split("\\.");
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            int n = Integer.parseInt(parts[i]);
            if (n > 255) {
                throw new BadValue(what + " must be an IPv4 address, got '" + v + "'");
            }
            b[i] = (byte) n;
        }
        try {
            return (Inet4Address) java.net.InetAddress.getByAddress(b);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError("four bytes are an IPv4 address", e);
        }
    }

    /** {@link Words#split}, with an unterminated quote reported as a bad value of {@code what}. */
    static List<String> words(String v, String what) throws BadValue {
        try {
            return Words.split(v);
        } catch (IllegalArgumentException e) {
            throw new BadValue(what + ": " + e.getMessage());
        }
    }

    static VipSpec vip(String v) throws BadValue {
        List<String> w = words(v, "virtual_ipaddress");
        if (w.isEmpty()) {
            throw new BadValue("virtual_ipaddress needs an address");
        }
        String[] al = w.get(0).split("/", -1);
        if (al.length > 2) {
            throw new BadValue("virtual_ipaddress '" + w.get(0) + "' is not addr[/len]");
        }
        Inet4Address addr = ipv4(al[0], "virtual_ipaddress");
        int len = al.length == 2 ? integer(al[1], 0, 32, "virtual_ipaddress prefix length") : 32;
        String dev = null;
        String label = null;
        for (int i = 1; i < w.size(); i += 2) {
            if (i + 1 >= w.size()) {
                throw new BadValue("virtual_ipaddress option '" + w.get(i) + "' needs a value");
            }
            switch (w.get(i)) {
                case "dev" -> dev = ifname(w.get(i + 1));
                case "label" -> {
                    label = w.get(i + 1);
                    if (label.length() > 15) {
                        throw new BadValue("label '" + label + "' is longer than 15 characters");
                    }
                }
                default -> throw new BadValue("virtual_ipaddress option '" + w.get(i) + "' is unknown (dev, label)");
            }
        }
        return new VipSpec(addr, len, dev, label);
    }

    static Tracker tracker(Tracker.Kind kind, String v, int defaultWeight) throws BadValue {
        List<String> w = words(v, "track_" + kind.name().toLowerCase(java.util.Locale.ROOT));
        if (w.isEmpty()) {
            throw new BadValue("track_" + kind.name().toLowerCase(java.util.Locale.ROOT) + " needs a name");
        }
        int weight = defaultWeight;
        boolean reverse = false;
        for (int i = 1; i < w.size(); i++) {
            if (w.get(i).equals("weight") && i + 1 < w.size()) {
                weight = weight(w.get(++i));
            } else if (w.get(i).equals("reverse")) {
                reverse = true;
            } else {
                throw new BadValue("unexpected '" + w.get(i) + "' after tracked name (NAME [weight W] [reverse])");
            }
        }
        if (kind == Tracker.Kind.INTERFACE) {
            ifname(w.get(0));
        }
        return new Tracker(kind, w.get(0), weight, reverse);
    }

    static List<String> command(String v, String what) throws BadValue {
        List<String> w = words(v, what);
        if (w.isEmpty()) {
            throw new BadValue(what + " needs a command");
        }
        return w;
    }
}
