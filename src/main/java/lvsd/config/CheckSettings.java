package lvsd.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the reals of one virtual are health-checked, resolved per virtual → global → built-in default (see
 * docs/config.md). Times are whole seconds. {@code connectsPerNegotiate} is N of {@code checktype=N} (0 unless
 * the type is {@link CheckType#COMBINED}). {@code checkPort} is 0 when not configured: each real's
 * {@link RealServer#checkPort()} is then already resolved. {@code request} always starts with "/" (ldirectord
 * adds it); {@code receive} "" means no body check. {@code rise} is the lvsd extension: successes needed before
 * a down real is put back (ldirectord: always 1). {@code checkArgv} is {@code checkCommand} split into words.
 */
public record CheckSettings(
        CheckType type,
        int connectsPerNegotiate,
        CheckService service,
        int checkPort,
        String request,
        String receive,
        String httpMethod,
        Optional<String> virtualHost,
        String login,
        String passwd,
        String database,
        String secret,
        String checkCommand,
        List<String> checkArgv,
        int checkInterval,
        int checkTimeout,
        int negotiateTimeout,
        int checkCount,
        int failureCount,
        int rise) {

    public CheckSettings {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(receive, "receive");
        Objects.requireNonNull(httpMethod, "httpMethod");
        Objects.requireNonNull(virtualHost, "virtualHost");
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(passwd, "passwd");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(checkCommand, "checkCommand");
        checkArgv = List.copyOf(checkArgv);
        if (checkArgv.isEmpty()) {
            throw new IllegalArgumentException("checkArgv needs a program");
        }
        if ((type == CheckType.COMBINED) != (connectsPerNegotiate > 0)) {
            throw new IllegalArgumentException("connectsPerNegotiate > 0 exactly for checktype=N");
        }
        if (!httpMethod.equals("GET") && !httpMethod.equals("HEAD")) {
            throw new IllegalArgumentException("httpMethod must be GET or HEAD");
        }
        if (!request.startsWith("/")) {
            throw new IllegalArgumentException("request must start with /");
        }
        RealServer.checkPort(checkPort, "checkPort");
        positive(checkInterval, "checkInterval");
        positive(checkTimeout, "checkTimeout");
        positive(negotiateTimeout, "negotiateTimeout");
        positive(checkCount, "checkCount");
        positive(failureCount, "failureCount");
        positive(rise, "rise");
    }

    /** The request checked on {@code real}: its own from the real= line, else the virtual's. */
    public String requestFor(RealServer real) {
        return real.request().orElse(request);
    }

    /** The receive pattern for {@code real}: its own from the real= line, else the virtual's. */
    public String receiveFor(RealServer real) {
        return real.receive().orElse(receive);
    }

    private static void positive(int v, String what) {
        if (v < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, got " + v);
        }
    }
}
