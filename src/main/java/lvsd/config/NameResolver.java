package lvsd.config;

import java.net.InetAddress;
import java.util.Optional;
import java.util.OptionalInt;
import lvsd.inet.Family;

/**
 * Resolves the host and service names of a config file, once, at parse time. The parser handles numeric
 * addresses and ports itself and asks only about names, so tests can inject a fixed table and stay hermetic.
 */
public interface NameResolver {

    /** The first address of {@code family} for host {@code name}, or empty if it has none. */
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
