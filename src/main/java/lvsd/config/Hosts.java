package lvsd.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import lvsd.inet.Family;

/**
 * Reads host and port tokens: numeric IPv4, bracketed IPv6 and host names (through the injected
 * {@link NameResolver}), numeric ports and service names. Every method returns null after reporting the reason.
 */
final class Hosts {
    static final Pattern DOTTED = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");
    static final Pattern V6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final String LABEL = "[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?";
    static final Pattern HOSTNAME = Pattern.compile(LABEL + "(\\." + LABEL + ")*\\.?");
    static final Pattern PORT_TOKEN = Pattern.compile("[0-9A-Za-z_-]+");
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final Pattern DIGITS_AND_DOTS = Pattern.compile("[0-9.]+");

    private final NameResolver resolver;
    private final Problems problems;
    /** Set after the resolver was unavailable once: the parse is retried as a whole, so stop waiting on it. */
    private String unavailable;

    Hosts(NameResolver resolver, Problems problems) {
        this.resolver = resolver;
        this.problems = problems;
    }

    /** A dotted quad with every part 0..255, else null (no error reported). */
    static InetAddress ipv4(String s) {
        if (!DOTTED.matcher(s).matches()) {
            return null;
        }
        String[] p = s.split("\\.");
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (p[i].length() > 3) {
                return null;
            }
            int n = Integer.parseInt(p[i]);
            if (n > 255) {
                return null;
            }
            b[i] = (byte) n;
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** An IPv6 literal without brackets, else null (no error reported). Never does a lookup. */
    static InetAddress ipv6(String s) {
        if (!V6_CHARS.matcher(s).matches() || s.indexOf(':') < 0) {
            return null;
        }
        try {
            InetAddress a = InetAddress.getByName("[" + s + "]");
            return a instanceof java.net.Inet6Address ? a : null;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /**
     * An address of {@code family} from {@code token}: a literal ({@code [v6]} in brackets for IPv6) or a host
     * name, resolved once. {@code role} names the thing for messages ("real server", "fallback server").
     */
    InetAddress address(String token, Family family, SourcePos pos, String role) {
        if (token.startsWith("[") && token.endsWith("]")) {
            InetAddress a = ipv6(token.substring(1, token.length() - 1));
            if (a == null) {
                problems.error(pos, "invalid IPv6 address " + token + " for " + role);
            } else if (family == Family.INET) {
                problems.error(pos, "IPv6 address " + token + " for " + role + " in an IPv4 context: use the"
                        + " 6 forms (virtual6=, real6=, fallback6=) for IPv6");
                return null;
            }
            return a;
        }
        if (DOTTED.matcher(token).matches()) {
            InetAddress a = ipv4(token);
            if (a == null) {
                problems.error(pos, "invalid IPv4 address " + token + " for " + role);
            } else if (family == Family.INET6) {
                problems.error(pos, "IPv4 address " + token + " for " + role + " in an IPv6 context: use"
                        + " virtual=, real= or fallback= for IPv4, or write the IPv6 address in brackets");
                return null;
            }
            return a;
        }
        if (ipv6(token) != null) {
            problems.error(pos, "IPv6 address " + token + " for " + role + " must be written in brackets: ["
                    + token + "]");
            return null;
        }
        if (!HOSTNAME.matcher(token).matches() || DIGITS_AND_DOTS.matcher(token).matches()) {
            problems.error(pos, "invalid address \"" + token + "\" for " + role
                    + ": expected an IPv4 address, [IPv6 address] or host name");
            return null;
        }
        if (unavailable != null) {
            problems.unavailable(pos, "host name \"" + token + "\" for " + role + " not looked up: " + unavailable);
            return null;
        }
        Optional<InetAddress> a;
        try {
            a = resolver.host(token, family);
        } catch (NameResolver.Unavailable e) {
            unavailable = "the resolver was unavailable for an earlier name";
            problems.unavailable(pos, "cannot resolve host name \"" + token + "\" for " + role + " now: "
                    + e.getMessage() + " (a temporary failure: lvsd retries, the file need not change)");
            return null;
        }
        if (a.isEmpty()) {
            problems.error(pos, "cannot resolve host name \"" + token + "\" for " + role + " to an "
                    + family.label() + " address");
            return null;
        }
        return a.get();
    }

    /** A port 0..65535 or a service name looked up for {@code protocol} (null: tcp or udp). */
    Integer port(String token, String protocol, SourcePos pos, String role) {
        if (DIGITS.matcher(token).matches()) {
            if (token.length() <= 5 && Integer.parseInt(token) <= 65535) {
                return Integer.parseInt(token);
            }
            problems.error(pos, "port " + token + " for " + role + " is out of range 0..65535");
            return null;
        }
        if (!PORT_TOKEN.matcher(token).matches()) {
            problems.error(pos, "invalid port \"" + token + "\" for " + role);
            return null;
        }
        OptionalInt p = resolver.service(token, protocol);
        if (p.isEmpty()) {
            problems.error(pos, "unknown service name \"" + token + "\" for " + role + " (not in /etc/services"
                    + (protocol == null ? "" : " for " + protocol) + ")");
            return null;
        }
        return p.getAsInt();
    }
}
