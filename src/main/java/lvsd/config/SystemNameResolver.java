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
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import lvsd.inet.Family;

/**
 * {@link NameResolver} over the JDK's host lookup and an /etc/services file (read on first use). A lookup runs
 * on a helper thread under a deadline, so a resolver that never answers costs the caller (the daemon's loop, on a
 * reload) {@link #DEADLINE} and not the JDK's retries over every configured server.
 */
final class SystemNameResolver implements NameResolver {

    /** How long one host lookup may take before the resolver counts as unavailable. */
    static final Duration DEADLINE = Duration.ofSeconds(5);

    /** The host lookup itself; {@link InetAddress#getAllByName} outside tests. */
    @FunctionalInterface
    interface Lookup {
        InetAddress[] all(String name) throws UnknownHostException;
    }

    private static final ExecutorService LOOKUPS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "lvsd-dns");
        t.setDaemon(true);
        return t;
    });

    private final Path servicesFile;
    private final Lookup lookup;
    private final Duration deadline;
    private Map<String, Integer> services; // "name/proto" -> port, aliases included

    SystemNameResolver(Path servicesFile) {
        this(servicesFile, InetAddress::getAllByName, DEADLINE);
    }

    SystemNameResolver(Path servicesFile, Lookup lookup, Duration deadline) {
        this.servicesFile = servicesFile;
        this.lookup = lookup;
        this.deadline = deadline;
    }

    @Override
    public Optional<InetAddress> host(String name, Family family) {
        Future<InetAddress[]> f = LOOKUPS.submit(() -> lookup.all(name));
        InetAddress[] all;
        try {
            all = f.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new Unavailable("no answer from the resolver within " + deadline.toSeconds() + " s");
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while resolving");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownHostException u) {
                if (temporary(u)) {
                    throw new Unavailable("temporary failure in name resolution");
                }
                return Optional.empty();
            }
            throw new Unavailable(String.valueOf(e.getCause()));
        }
        for (InetAddress a : all) {
            if (family.matches(a)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether getaddrinfo's answer was EAI_AGAIN (glibc's "Temporary failure in name resolution": SERVFAIL, no
     * server reachable) rather than EAI_NONAME or EAI_NODATA (the name does not exist or has no address). The
     * JDK puts gai_strerror's text in the message, its only trace of the code.
     */
    static boolean temporary(UnknownHostException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("Temporary failure") || m.contains("Try again");
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
