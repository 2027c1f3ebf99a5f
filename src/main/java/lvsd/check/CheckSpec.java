package lvsd.check;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What to check and how, as a value: two registrations with equal specs run one check between them.
 * Every kind carries its own {@code timeout}, the hard deadline for one run (DNS, connect, TLS, request
 * and response together). Targets are addresses: names are resolved when the config is read.
 */
public sealed interface CheckSpec {

    Duration timeout();

    private static void positive(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be > 0, got " + timeout);
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** A TCP connect to the target (ldirectord's checktype=connect for TCP virtuals). */
    record Connect(Target target, Duration timeout) implements CheckSpec {
        public Connect {
            Objects.requireNonNull(target, "target");
            positive(timeout);
        }
    }

    /** ICMP echo, up to {@code count} attempts (ldirectord's checkcount); connect for UDP virtuals. */
    record Ping(Target target, int count, Duration timeout) implements CheckSpec {
        public Ping {
            Objects.requireNonNull(target, "target");
            if (count < 1) {
                throw new IllegalArgumentException("ping count must be >= 1, got " + count);
            }
            positive(timeout);
        }
    }

    /**
     * Runs {@code command} (argv, already split) with {@code VIP VPORT RIP RPORT} appended. Exit 0 = up.
     * With {@code dynamicWeight} (keepalived's misc_dynamic) exit 2..255 = up with weight exit-2.
     */
    record External(List<String> command, List<String> args, boolean dynamicWeight, Duration timeout)
            implements CheckSpec {
        public External {
            command = List.copyOf(command);
            args = List.copyOf(args);
            if (command.isEmpty()) {
                throw new IllegalArgumentException("empty check command");
            }
            positive(timeout);
        }
    }

    /**
     * HTTP or HTTPS: up when the status is 2xx and {@code receive} (a regex, empty = no body check)
     * is found in the body. TLS certificates are not verified unless {@code verifyTls} (an lvsd extension;
     * ldirectord never verifies).
     */
    record Http(Target target, boolean tls, boolean verifyTls, String method, String path, String virtualHost,
            String receive, Duration timeout) implements CheckSpec {
        public Http {
            Objects.requireNonNull(target, "target");
            method = method == null || method.isEmpty() ? "GET" : method;
            if (!method.equals("GET") && !method.equals("HEAD")) {
                throw new IllegalArgumentException("httpmethod must be GET or HEAD, got " + method);
            }
            path = path == null || path.isEmpty() ? "/" : path;
            virtualHost = nz(virtualHost);
            receive = nz(receive);
            positive(timeout);
        }
    }

    /** The line-oriented services, each spoken by a small dialog in lvsd.check.proto. */
    enum Service {
        SIMPLETCP, SMTP, NNTP, POP, IMAP, FTP, SIP
    }

    /**
     * A line-protocol negotiate check. {@code request}/{@code receive} mean what ldirectord gives them
     * per service (simpletcp: text to send and regex to await; ftp: file to fetch and regex over it).
     * {@code udp} is for SIP over UDP.
     */
    record Dialog(Service service, Target target, boolean tls, boolean udp, String request, String receive,
            String login, String passwd, Duration timeout) implements CheckSpec {
        public Dialog {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(target, "target");
            request = nz(request);
            receive = nz(receive);
            login = nz(login);
            passwd = nz(passwd);
            if (udp && service != Service.SIP) {
                throw new IllegalArgumentException("only sip runs over udp, not " + service);
            }
            positive(timeout);
        }
    }

    /** A DNS query for {@code name} (A, or PTR for an address); up when an answer matches {@code receive}. */
    record Dns(Target target, boolean tcp, String name, String receive, Duration timeout) implements CheckSpec {
        public Dns {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(name, "name");
            receive = nz(receive);
            positive(timeout);
        }
    }

    /** A RADIUS Access-Request; any well-formed, authenticated reply counts as up (as ldirectord). */
    record Radius(Target target, String login, String passwd, String secret, Duration timeout) implements CheckSpec {
        public Radius {
            Objects.requireNonNull(target, "target");
            login = nz(login);
            passwd = nz(passwd);
            secret = nz(secret);
            positive(timeout);
        }
    }

    /** Which SQL server a {@link Sql} check speaks to. */
    enum SqlKind {
        MYSQL, PGSQL
    }

    /** Log in to {@code database} and run {@code query}; up when it returns at least one row. */
    record Sql(SqlKind kind, Target target, String login, String passwd, String database, String query,
            Duration timeout) implements CheckSpec {
        public Sql {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(target, "target");
            if (login == null || login.isEmpty() || query == null || query.isEmpty()) {
                throw new IllegalArgumentException("sql checks need login and request");
            }
            passwd = nz(passwd);
            database = nz(database);
            positive(timeout);
        }
    }

    /** Bind (anonymous unless login), base search on {@code baseDn}; one entry whose DN matches receive. */
    record Ldap(Target target, boolean tls, String login, String passwd, String baseDn, String receive,
            Duration timeout) implements CheckSpec {
        public Ldap {
            Objects.requireNonNull(target, "target");
            login = nz(login);
            passwd = nz(passwd);
            baseDn = nz(baseDn);
            receive = nz(receive);
            positive(timeout);
        }
    }

    /** No network at all: checktype=on and service=none are always up. */
    record Fixed(boolean up, Duration timeout) implements CheckSpec {
        public Fixed {
            positive(timeout);
        }
    }

    /**
     * ldirectord's checktype=N: a negotiate check, then N connect checks after each negotiate success;
     * a failed connect forces a negotiate next time, a failed negotiate repeats until it passes.
     */
    record Combined(CheckSpec negotiate, Connect connect, int connectsBetween) implements CheckSpec {
        public Combined {
            Objects.requireNonNull(negotiate, "negotiate");
            Objects.requireNonNull(connect, "connect");
            if (negotiate instanceof Combined) {
                throw new IllegalArgumentException("combined checks do not nest");
            }
            if (connectsBetween < 1) {
                throw new IllegalArgumentException("checktype N must be >= 1, got " + connectsBetween);
            }
        }

        @Override
        public Duration timeout() {
            return negotiate.timeout().compareTo(connect.timeout()) >= 0 ? negotiate.timeout() : connect.timeout();
        }
    }
}
