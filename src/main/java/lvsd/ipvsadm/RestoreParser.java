package lvsd.ipvsadm;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import lvsd.inet.Addresses;
import lvsd.inet.Family;
import lvsd.inet.Forwarding;
import lvsd.inet.Protocol;
import lvsd.ipvs.Destination;
import lvsd.ipvs.IpvsOp;
import lvsd.ipvs.Service;
import lvsd.ipvs.ServiceKey;

/**
 * Parses the ipvsadm-restore format (the lines ipvsadm-save writes: -A/-E/-D/-a/-e/-d/-C with their
 * options, long forms too) into {@link IpvsOp}s. The whole input is parsed before anything is applied,
 * so one bad line rejects the input. Defaults follow ipvsadm: scheduler wlc, persistence 360 s when -p
 * has no value, forwarding -g, weight 1, a real server without port takes the service's, and for
 * gatewaying and tunnelling the real server's port is forced to the service port.
 */
public final class RestoreParser {
    private RestoreParser() {}

    /** A line that cannot be parsed: {@code line N: why}. */
    public static final class SyntaxException extends Exception {
        private final int line;

        public SyntaxException(int line, String why) {
            super("line " + line + ": " + why);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    /** One parsed rule and the line it came from. */
    public record Rule(int line, IpvsOp op) {}

    /** Parses every line; blank lines and lines starting with '#' are skipped. */
    public static List<Rule> parseRules(String text) throws SyntaxException {
        List<Rule> rules = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                rules.add(new Rule(i + 1, parseLine(line)));
            } catch (IllegalArgumentException e) {
                throw new SyntaxException(i + 1, e.getMessage());
            }
        }
        return rules;
    }

    public static List<IpvsOp> parse(String text) throws SyntaxException {
        return parseRules(text).stream().map(Rule::op).toList();
    }

    /** Parses one rule line; throws IllegalArgumentException saying what is wrong. */
    public static IpvsOp parseLine(String line) {
        String[] tok = tokens(line);
        String command = null;
        Protocol proto = null;
        String svcText = null;
        Long fwmark = null;
        boolean ipv6 = false;
        String sched = null;
        Integer persistent = null;
        String netmask = null;
        String pe = null;
        String schedFlags = null;
        boolean ops = false;
        String real = null;
        Forwarding fwd = null;
        Integer weight = null;
        int upper = 0;
        int lower = 0;
        for (int i = 0; i < tok.length; i++) {
            String t = tok[i];
            String inline = null;
            if (t.startsWith("--") && t.indexOf('=') > 0) {
                inline = t.substring(t.indexOf('=') + 1);
                t = t.substring(0, t.indexOf('='));
            }
            String opt = t;
            switch (t) {
                case "-A", "--add-service", "-E", "--edit-service", "-D", "--delete-service", "-a", "--add-server",
                        "-e", "--edit-server", "-d", "--delete-server", "-C", "--clear" -> {
                    if (command != null) {
                        throw new IllegalArgumentException("more than one command (" + command + " and " + t + ")");
                    }
                    command = canonical(t);
                }
                case "-t", "--tcp-service", "-u", "--udp-service", "--sctp-service" -> {
                    if (proto != null || fwmark != null) {
                        throw new IllegalArgumentException("more than one service given");
                    }
                    proto = t.equals("-t") || t.equals("--tcp-service") ? Protocol.TCP
                            : t.equals("-u") || t.equals("--udp-service") ? Protocol.UDP : Protocol.SCTP;
                    svcText = inline != null ? inline : arg(tok, ++i, opt);
                }
                case "-f", "--fwmark-service" -> {
                    if (proto != null || fwmark != null) {
                        throw new IllegalArgumentException("more than one service given");
                    }
                    fwmark = parseFwmark(inline != null ? inline : arg(tok, ++i, opt));
                }
                case "-6", "--ipv6" -> ipv6 = true;
                case "-s", "--scheduler" -> sched = inline != null ? inline : arg(tok, ++i, opt);
                case "-p", "--persistent" -> {
                    if (inline != null) {
                        persistent = number(inline, "persistence timeout", 1, Integer.MAX_VALUE);
                    } else if (i + 1 < tok.length && !tok[i + 1].startsWith("-")) {
                        persistent = number(tok[++i], "persistence timeout", 1, Integer.MAX_VALUE);
                    } else {
                        persistent = Service.DEFAULT_PERSISTENCE_TIMEOUT;
                    }
                }
                case "-M", "--netmask" -> netmask = inline != null ? inline : arg(tok, ++i, opt);
                case "--pe" -> pe = inline != null ? inline : arg(tok, ++i, opt);
                case "-b", "--sched-flags" -> schedFlags = inline != null ? inline : arg(tok, ++i, opt);
                case "-o", "--ops" -> ops = true;
                case "-r", "--real-server" -> real = inline != null ? inline : arg(tok, ++i, opt);
                case "-g", "--gatewaying" -> fwd = setOnce(fwd, Forwarding.ROUTE);
                case "-m", "--masquerading" -> fwd = setOnce(fwd, Forwarding.MASQ);
                case "-i", "--ipip" -> fwd = setOnce(fwd, Forwarding.TUNNEL);
                case "-w", "--weight" -> weight = number(inline != null ? inline : arg(tok, ++i, opt), "weight", 0, 65535);
                case "-x", "--u-threshold" -> upper = number(inline != null ? inline : arg(tok, ++i, opt),
                        "upper threshold", 0, Integer.MAX_VALUE);
                case "-y", "--l-threshold" -> lower = number(inline != null ? inline : arg(tok, ++i, opt),
                        "lower threshold", 0, Integer.MAX_VALUE);
                case "--tun-type" -> {
                    String tt = inline != null ? inline : arg(tok, ++i, opt);
                    if (!tt.equals("ipip")) {
                        throw new IllegalArgumentException("tunnel type '" + tt + "' is not supported (only ipip)");
                    }
                }
                default -> throw new IllegalArgumentException("unknown option '" + t + "'");
            }
        }
        if (command == null) {
            throw new IllegalArgumentException("no command (expected -A, -E, -D, -a, -e, -d or -C)");
        }
        if (command.equals("-C")) {
            if (proto != null || fwmark != null || real != null) {
                throw new IllegalArgumentException("-C takes no service");
            }
            return new IpvsOp.Flush();
        }
        if (proto == null && fwmark == null) {
            throw new IllegalArgumentException(command + " needs a service (-t, -u, --sctp-service or -f)");
        }
        ServiceKey key = fwmark != null ? ServiceKey.ofFwmark(ipv6 ? Family.INET6 : Family.INET, fwmark)
                : serviceKey(proto, svcText);
        if (proto != null && ipv6 && key.family() != Family.INET6) {
            throw new IllegalArgumentException("-6 given but " + svcText + " is not an IPv6 address");
        }
        boolean serviceCmd = command.equals("-A") || command.equals("-E") || command.equals("-D");
        if (serviceCmd && (real != null || fwd != null || weight != null || upper != 0 || lower != 0)) {
            throw new IllegalArgumentException(command + " takes no real-server options");
        }
        if (!serviceCmd && (sched != null || persistent != null || netmask != null || pe != null || schedFlags != null
                || ops)) {
            throw new IllegalArgumentException(command + " takes no service options (-s, -p, -M, --pe, -b, -o)");
        }
        switch (command) {
            case "-A", "-E" -> {
                Service s = service(key, sched, persistent, netmask, pe, schedFlags, ops);
                return command.equals("-A") ? new IpvsOp.AddService(s) : new IpvsOp.EditService(s);
            }
            case "-D" -> {
                if (sched != null || persistent != null || netmask != null || pe != null || schedFlags != null || ops) {
                    throw new IllegalArgumentException("-D takes only the service");
                }
                return new IpvsOp.DeleteService(key);
            }
            default -> {
                if (real == null) {
                    throw new IllegalArgumentException(command + " needs a real server (-r)");
                }
                HostPort hp = hostPort(real, key.isFwmark() ? 0 : key.port(), "real server");
                if (command.equals("-d")) {
                    if (fwd != null || weight != null || upper != 0 || lower != 0) {
                        throw new IllegalArgumentException("-d takes only the service and -r");
                    }
                    return new IpvsOp.DeleteDestination(key, hp.address, hp.port);
                }
                Forwarding f = fwd == null ? Forwarding.ROUTE : fwd;
                int port = hp.port;
                if (!key.isFwmark() && (f == Forwarding.ROUTE || f == Forwarding.TUNNEL)) {
                    port = key.port(); // ipvsadm does the same: DR and tunnel cannot change the port
                }
                if (f != Forwarding.TUNNEL && Family.of(hp.address) != key.family()) {
                    throw new IllegalArgumentException("real server " + real + " is not in the service's address family"
                            + " (only tunnelling may mix IPv4 and IPv6)");
                }
                if (upper != 0 && lower > upper) {
                    throw new IllegalArgumentException("lower threshold " + lower + " is above upper threshold " + upper);
                }
                Destination d = new Destination(hp.address, port, f, weight == null ? 1 : weight, upper, lower);
                return command.equals("-a") ? new IpvsOp.AddDestination(key, d) : new IpvsOp.EditDestination(key, d);
            }
        }
    }

    private static Service service(ServiceKey key, String sched, Integer persistent, String netmask, String pe,
            String schedFlags, boolean ops) {
        String scheduler = sched == null ? "wlc" : sched;
        if (scheduler.isEmpty() || scheduler.length() > 15 || !isName(scheduler)) {
            throw new IllegalArgumentException("bad scheduler name '" + scheduler + "'");
        }
        int flags = 0;
        int timeout = 0;
        int mask = Service.defaultNetmask(key.family());
        if (persistent != null) {
            flags |= Service.F_PERSISTENT;
            timeout = persistent;
        }
        if (netmask != null) {
            if (key.family() == Family.INET6) {
                mask = number(netmask, "IPv6 netmask (prefix length)", 1, 128);
            } else {
                try {
                    mask = IpvsadmSyntax.parseMask4(netmask);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("bad netmask '" + netmask + "'");
                }
            }
        }
        if (pe != null && persistent == null) {
            throw new IllegalArgumentException("--pe needs persistence (-p)");
        }
        if (pe != null && (pe.isEmpty() || pe.length() > 15)) {
            throw new IllegalArgumentException("bad persistence engine name '" + pe + "'");
        }
        if (ops) {
            if (key.isFwmark() || key.protocol() != Protocol.UDP) {
                // ipvsadm refuses one-packet scheduling for anything but UDP services
                throw new IllegalArgumentException("-o (one-packet scheduling) is only for UDP services");
            }
            flags |= Service.F_ONEPACKET;
        }
        if (schedFlags != null) {
            flags |= schedulerFlags(scheduler, schedFlags);
        }
        return new Service(key, scheduler, flags, timeout, mask, pe == null ? "" : pe);
    }

    private static int schedulerFlags(String scheduler, String text) {
        int flags = 0;
        for (String f : text.split(",")) {
            switch (f) {
                case "flag-1" -> flags |= Service.F_SCHED1;
                case "flag-2" -> flags |= Service.F_SCHED2;
                case "flag-3" -> flags |= Service.F_SCHED3;
                case "sh-fallback", "mh-fallback" -> flags |= checkSched(scheduler, f, Service.F_SCHED1);
                case "sh-port", "mh-port" -> flags |= checkSched(scheduler, f, Service.F_SCHED2);
                default -> throw new IllegalArgumentException("unknown scheduler flag '" + f + "'");
            }
        }
        return flags;
    }

    private static int checkSched(String scheduler, String flag, int bit) {
        if (!flag.startsWith(scheduler + "-")) {
            throw new IllegalArgumentException("scheduler flag '" + flag + "' does not fit scheduler " + scheduler);
        }
        return bit;
    }

    private record HostPort(InetAddress address, int port) {}

    private static ServiceKey serviceKey(Protocol proto, String text) {
        HostPort hp = hostPort(text, -1, "service");
        return ServiceKey.of(proto, hp.address, hp.port);
    }

    /** "1.2.3.4:80", "1.2.3.4", "[2001:db8::1]:80", "[2001:db8::1]"; {@code defPort} &lt; 0: port required. */
    private static HostPort hostPort(String text, int defPort, String what) {
        String host;
        String port = null;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("missing ']' in " + what + " address '" + text + "'");
            }
            host = text.substring(1, close);
            String rest = text.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new IllegalArgumentException("bad " + what + " address '" + text + "'");
                }
                port = rest.substring(1);
            }
        } else {
            int colon = text.indexOf(':');
            if (colon >= 0 && text.indexOf(':', colon + 1) >= 0) {
                throw new IllegalArgumentException("IPv6 " + what + " address must be in brackets: '" + text + "'");
            }
            host = colon >= 0 ? text.substring(0, colon) : text;
            port = colon >= 0 ? text.substring(colon + 1) : null;
        }
        InetAddress a;
        try {
            a = Addresses.parse(host);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad " + what + " address '" + host + "' (numeric addresses only)");
        }
        int p;
        if (port == null) {
            if (defPort < 0) {
                // ipvsadm accepts a service without port as port 0 (all ports, needs persistence)
                p = 0;
            } else {
                p = defPort;
            }
        } else {
            p = number(port, what + " port", 0, 65535);
        }
        return new HostPort(a, p);
    }

    private static long parseFwmark(String s) {
        try {
            long v = Long.parseLong(s);
            if (v < 0 && v >= Integer.MIN_VALUE) {
                v &= 0xFFFF_FFFFL; // ipvsadm-save prints marks above 2^31-1 as negative numbers
            }
            if (v <= 0 || v > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("fwmark must be 1..4294967295, got " + s);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad fwmark '" + s + "'");
        }
    }

    private static int number(String s, String what, int min, int max) {
        long v;
        try {
            v = Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad " + what + " '" + s + "'");
        }
        if (v < min || v > max) {
            throw new IllegalArgumentException(what + " must be " + min + ".." + max + ", got " + s);
        }
        return (int) v;
    }

    /** Splits on runs of spaces and tabs (no regex: a restore of 11,000 lines should not compile 11,000). */
    private static String[] tokens(String line) {
        List<String> out = new ArrayList<>(12);
        int n = line.length();
        int i = 0;
        while (i < n) {
            while (i < n && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i > start) {
                out.add(line.substring(start, i));
            }
        }
        return out.toArray(new String[0]);
    }

    private static boolean isName(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static String arg(String[] tok, int i, String opt) {
        if (i >= tok.length) {
            throw new IllegalArgumentException("option " + opt + " needs a value");
        }
        return tok[i];
    }

    private static Forwarding setOnce(Forwarding current, Forwarding f) {
        if (current != null && current != f) {
            throw new IllegalArgumentException("more than one forwarding method (-g, -m, -i)");
        }
        return f;
    }

    private static String canonical(String command) {
        return switch (command) {
            case "--add-service" -> "-A";
            case "--edit-service" -> "-E";
            case "--delete-service" -> "-D";
            case "--add-server" -> "-a";
            case "--edit-server" -> "-e";
            case "--delete-server" -> "-d";
            case "--clear" -> "-C";
            default -> command;
        };
    }
}
