package lvsd.config;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import lvsd.inet.Family;

/** {@link NameResolver} over the JDK's host lookup and an /etc/services file (read on first use). */
final class SystemNameResolver implements NameResolver {

    private final Path servicesFile;
    private Map<String, Integer> services; // "name/proto" -> port, aliases included

    SystemNameResolver(Path servicesFile) {
        this.servicesFile = servicesFile;
    }

    @Override
    public Optional<InetAddress> host(String name, Family family) {
        try {
            for (InetAddress a : InetAddress.getAllByName(name)) {
                if (family.matches(a)) {
                    return Optional.of(a);
                }
            }
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    @Override
    public synchronized OptionalInt service(String name, String protocol) {
        if (services == null) {
            services = load(servicesFile);
        }
        for (String p : protocol == null ? List.of("tcp", "udp") : List.of(protocol)) {
            Integer port = services.get(name + "/" + p);
            if (port != null) {
                return OptionalInt.of(port);
            }
        }
        return OptionalInt.empty();
    }

    @Override
    public String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** Parses services(5): {@code name port/proto [aliases...] [# comment]}. */
    static Map<String, Integer> parseServices(List<String> lines) {
        Map<String, Integer> map = new HashMap<>();
        for (String line : lines) {
            int hash = line.indexOf('#');
            String[] f = (hash < 0 ? line : line.substring(0, hash)).trim().split("\\s+");
            if (f.length < 2) {
                continue;
            }
            String[] pp = f[1].split("/");
            if (pp.length != 2) {
                continue;
            }
            int port;
            try {
                port = Integer.parseInt(pp[0]);
            } catch (NumberFormatException e) {
                continue;
            }
            for (int i = 0; i < f.length; i++) {
                if (i != 1) {
                    map.putIfAbsent(f[i] + "/" + pp[1], port);
                }
            }
        }
        return map;
    }

    private static Map<String, Integer> load(Path file) {
        try {
            return parseServices(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Map.of(); // no services file: only numeric ports resolve, and the parser says so per line
        }
    }
}
