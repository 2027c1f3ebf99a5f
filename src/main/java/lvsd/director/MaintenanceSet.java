package lvsd.director;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import lvsd.inet.Addresses;

/**
 * The names of the files found in {@code maintenancedir} during one cycle, and ldirectord's rule for which
 * file puts a real server into maintenance.
 *
 * <p>For a real {@code IP:PORT} known by the host names {@code NAMES}, the candidates, first match wins, are
 * {@code IP:PORT}, {@code IP}, then for each name {@code NAME:PORT}, {@code NAME}, then for each name's first
 * label (its short name) {@code SHORT:PORT}, {@code SHORT}. IPv6 addresses are written in brackets
 * ({@code [2001:db8::1]:80}, {@code [2001:db8::1]}). A file without a port covers the host in every virtual.
 *
 * <p>Unlike ldirectord, no reverse DNS lookup happens here: the names are those the configuration used for the
 * real (and whatever the caller resolved once, outside the check loop). The directory is listed once per cycle
 * by {@code lvsd.daemon.MaintenanceDir}, so a check tick costs a few set look-ups.
 */
public record MaintenanceSet(Set<String> fileNames) {

    public static final MaintenanceSet EMPTY = new MaintenanceSet(Set.of());

    public MaintenanceSet {
        fileNames = Set.copyOf(fileNames);
    }

    public static MaintenanceSet of(String... names) {
        return new MaintenanceSet(Set.of(names));
    }

    /** The file that puts this real into maintenance, if any (its name goes into the log line). */
    public Optional<String> match(InetAddress ip, int port, Collection<String> hostNames) {
        if (fileNames.isEmpty()) {
            return Optional.empty();
        }
        for (String candidate : candidates(ip, port, hostNames)) {
            if (fileNames.contains(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The candidate file names in the order ldirectord tries them. */
    static List<String> candidates(InetAddress ip, int port, Collection<String> hostNames) {
        List<String> out = new ArrayList<>();
        String addr = ip instanceof java.net.Inet6Address ? "[" + Addresses.numeric(ip) + "]" : Addresses.numeric(ip);
        addPair(out, addr, port);
        List<String> names = hostNames.stream()
                .filter(n -> n != null && !n.isEmpty() && !isLiteral(n))
                .map(n -> n.endsWith(".") ? n.substring(0, n.length() - 1) : n)
                .distinct()
                .toList();
        for (String name : names) {
            addPair(out, name, port);
        }
        for (String name : names) {
            int dot = name.indexOf('.');
            if (dot > 0) {
                addPair(out, name.substring(0, dot), port);
            }
        }
        return out;
    }

    private static void addPair(List<String> out, String host, int port) {
        String withPort = host + ":" + port;
        if (!out.contains(withPort)) {
            out.add(withPort);
        }
        if (!out.contains(host)) {
            out.add(host);
        }
    }

    /** An address literal is not a name: "10.0.0.2" has no short name "10". */
    private static boolean isLiteral(String s) {
        return s.indexOf(':') >= 0 || s.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }
}
