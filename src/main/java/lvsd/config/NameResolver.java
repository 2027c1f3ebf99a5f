package lvsd.config;

import java.net.InetAddress;
import java.util.Optional;
import java.util.OptionalInt;
import lvsd.inet.Family;

/**
 * Resolves the host and service names of a config file, once, at parse time. The parser handles numeric
 * addresses and ports itself and asks only about names, so tests can inject a fixed table and stay hermetic.
 *
 * <p>Two kinds of failure. A name that does not exist (NXDOMAIN) or has no address of the wanted family is the
 * file's fault: {@link #host} returns empty and the parse reports a config error (exit 2 at start). A resolver
 * that cannot answer now (a temporary failure such as SERVFAIL or no reachable DNS server, or no answer within
 * the deadline) is not: {@link #host} throws {@link Unavailable}, the start fails with exit status 1 (systemd
 * retries it) and a reload keeps the running config.
 */
public interface NameResolver {

    /** The resolver could not answer now; asking again later may succeed. */
    final class Unavailable extends RuntimeException {
        public Unavailable(String message) {
            super(message);
        }
    }

    /**
     * The first address of {@code family} for host {@code name}, or empty if it has none.
     *
     * @throws Unavailable when the resolver cannot answer now (temporary failure, deadline passed)
     */
    Optional<InetAddress> host(String name, Family family);

    /** The port of service {@code name} for {@code protocol} ("tcp" or "udp"; null: either), or empty. */
    OptionalInt service(String name, String protocol);

    /** This machine's host name (ldirectord's $HOSTNAME, used in default ftp/sip logins). */
    String localHostName();

    /** The system's resolver: getaddrinfo through the JDK, and /etc/services. */
    static NameResolver system() {
        return new SystemNameResolver(java.nio.file.Path.of("/etc/services"));
    }
}
