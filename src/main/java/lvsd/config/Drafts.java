package lvsd.config;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lvsd.inet.Family;
import lvsd.inet.Forwarding;
import lvsd.inet.Protocol;
import java.util.Set;

/**
 * Mutable, package-private intermediate forms filled while reading lines; {@link ModelBuilder} turns them into
 * the immutable model. Values a virtual can override live in {@code layered} maps under their directive names.
 */
final class Drafts {
    private Drafts() {}

    /** The directives a virtual block can override from the globals; their values are stored already typed. */
    static final List<String> LAYERED = List.of(
            "quiescent", "cleanstop", "checkinterval", "checkcount", "failurecount", "emailalert",
            "emailalertfreq", "emailalertstatus", "smtp", "fallbackcommand", "drain", "rise");

    static final class Global {
        final Map<String, Object> layered = new HashMap<>();
        final Map<String, SourcePos> seen = new HashMap<>();
        Boolean autoReload;
        Boolean reloadGuard;
        /** strict=yes: every warning of the file is an error (lvsd's own; ldirectord rejects the directive). */
        Boolean strict;
        String callback;
        List<String> callbackArgv = List.of();
        String logFile;
        Boolean supervised;
        Boolean fork;
        String maintenanceDir;
        SourcePos maintenanceDirLine;
        Boolean readdQuiescent;
        String emailAlertFrom;
        Integer checkTimeout;
        Integer negotiateTimeout;
        FallbackDraft fallback;
        FallbackDraft fallback6;
        final List<String> execute = new ArrayList<>();
    }

    static final class Virtual {
        final SourcePos pos;
        final Family family;
        final Map<String, Object> layered = new HashMap<>();
        final Map<String, SourcePos> seen = new LinkedHashMap<>();
        boolean headerOk;
        InetAddress address;
        String portToken;
        long fwmark;
        Protocol protocol;
        CheckType checkType = CheckType.NEGOTIATE;
        int connects;
        CheckService service;
        String request = "/";
        String receive = "";
        String httpMethod = "GET";
        String virtualHost;
        String login;
        String passwd;
        String database = "";
        String secret = "";
        String checkCommand = "/bin/true";
        List<String> checkArgv = List.of("/bin/true");
        Integer checkPort;
        Integer checkTimeout;
        Integer negotiateTimeout;
        String scheduler = "wrr";
        Integer persistent;
        String netmask;
        Integer netmaskValue;
        String schedFlags;
        Set<SchedFlag> schedFlagSet = EnumSet.noneOf(SchedFlag.class);
        boolean ops;
        FallbackDraft fallback;
        String monitorFile;
        String serviceName;
        String comment;
        final List<RealDraft> reals = new ArrayList<>();

        Virtual(SourcePos pos, Family family) {
            this.pos = pos;
            this.family = family;
        }

        boolean isFwmark() {
            return fwmark != 0;
        }
    }

    /** {@code portToken} null: no port given (the virtual's port is used). */
    record FallbackDraft(InetAddress address, String portToken, Forwarding forwarding, SourcePos pos) {}

    /** One real= line; a range gives several addresses. {@code portToken} null: no port given. */
    record RealDraft(List<InetAddress> addresses, String portToken, Forwarding forwarding, int weight,
            int lower, int upper, String request, String receive, SourcePos pos) {}
}
