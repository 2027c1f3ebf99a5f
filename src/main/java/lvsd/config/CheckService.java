package lvsd.config;

/**
 * The protocol a {@code negotiate} check speaks ({@code service=}), with the port ldirectord associates with it
 * in both directions: a virtual on that port defaults to the service, and a real without a port is checked on it.
 */
public enum CheckService {
    DNS("dns", 53),
    FTP("ftp", 21),
    HTTP("http", 80),
    HTTPS("https", 443),
    HTTP_PROXY("http_proxy", 3128),
    IMAP("imap", 143),
    IMAPS("imaps", 993),
    LDAP("ldap", 389),
    LDAPS("ldaps", 636),
    MYSQL("mysql", 3306),
    NNTP("nntp", 119),
    /** No protocol check: a negotiate check always passes (ldirectord's behaviour). */
    NONE("none", 0),
    ORACLE("oracle", 1521),
    PGSQL("pgsql", 5432),
    POP("pop", 110),
    POPS("pops", 995),
    RADIUS("radius", 1812),
    SIMPLETCP("simpletcp", 0),
    SIP("sip", 5060),
    SMTP("smtp", 25),
    SUBMISSION("submission", 587);

    private final String word;
    private final int defaultPort;

    CheckService(String word, int defaultPort) {
        this.word = word;
        this.defaultPort = defaultPort;
    }

    public String word() {
        return word;
    }

    /** The service's standard port, or 0 when it has none (none, simpletcp). */
    public int defaultPort() {
        return defaultPort;
    }

    static CheckService fromWord(String word) {
        for (CheckService s : values()) {
            if (s.word.equals(word)) {
                return s;
            }
        }
        return null;
    }

    /** ldirectord's ld_port_to_service: the service a virtual on {@code port} defaults to. */
    static CheckService forPort(int port) {
        if (port > 0) {
            for (CheckService s : values()) {
                if (s.defaultPort == port) {
                    return s;
                }
            }
        }
        return NONE;
    }
}
