package lvsd.config;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lvsd.inet.Family;
import lvsd.inet.Forwarding;

/**
 * Reads {@code real=} and {@code fallback=} values (see docs/config.md for the grammar). ldirectord matches
 * real lines with an unanchored regex, so "192.0.2.2::5060 gate" silently became the address 0.0.19.196 and
 * a weight was picked out of a quoted request; lvsd reads the tokens strictly in order and rejects leftovers.
 */
final class EndpointParser {
    private static final String HOST = "(\\[[^\\]]*\\]|[A-Za-z0-9._-]+?)";
    private static final Pattern ADDRESS =
            Pattern.compile(HOST + "(?:->" + HOST + ")?(?::([0-9A-Za-z_-]+))?");
    private static final Pattern FORWARD = Pattern.compile("(\\w+)");
    private static final Pattern WEIGHT = Pattern.compile("(\\d+)(?=\\s|$)");
    private static final Pattern REQ_RECV = Pattern.compile("\"([^\"]*)\"\\s*,?\\s*\"([^\"]*)\"(?=\\s|$)");
    private static final Pattern LOWER = Pattern.compile("l:(\\d+)(?=\\s|$)");
    private static final Pattern UPPER = Pattern.compile("u:(\\d+)(?=\\s|$)");
    private static final Pattern BLANKS = Pattern.compile("\\s+");
    private static final Pattern DOUBLE_COLON_PORT = Pattern.compile("[^:\\[\\]]*[^:\\[\\]]::[0-9A-Za-z_-]+");

    /** Largest address range one real= line may expand to; protects against a typo such as 10.0.0.1->10.9.0.1. */
    static final long MAX_RANGE = 65536;

    private final Hosts hosts;
    private final Problems problems;

    EndpointParser(Hosts hosts, Problems problems) {
        this.hosts = hosts;
        this.problems = problems;
    }

    /** {@code HOST[->HOST][:PORT] gate|masq|ipip [WEIGHT] ["REQUEST", "RECEIVE"] [l:N] [u:N]}. */
    Drafts.RealDraft real(Line l, Family family) {
        String v = l.value();
        SourcePos pos = l.pos();
        if (v.isEmpty()) {
            problems.error(pos, l.key() + " needs a value: HOST[->HOST][:PORT] gate|masq|ipip [WEIGHT]"
                    + " [\"REQUEST\", \"RECEIVE\"] [l:LOWER] [u:UPPER]");
            return null;
        }
        String[] first = BLANKS.split(v, 2);
        Matcher m = ADDRESS.matcher(first[0]);
        if (DOUBLE_COLON_PORT.matcher(first[0]).matches()) {
            // ldirectord's unanchored regex reads "A::5060 gate" as the host "5060", i.e. 0.0.19.196
            String after = first[0].substring(first[0].lastIndexOf("::") + 2);
            String as = after.matches("\\d{1,9}") ? ", i.e. the address " + EndpointParser.fromLong(
                    Long.parseLong(after) & 0xFFFF_FFFFL).getHostAddress() : "";
            problems.error(pos, "invalid address \"" + first[0] + "\" for real server: \"::\" before the port;"
                    + " ldirectord would silently read it as the host \"" + after + "\"" + as + ", port 0; write"
                    + " HOST:PORT (" + first[0].replace("::", ":") + ")");
            return null;
        }
        if (unbracketedV6(first[0], pos)) {
            return null;
        }
        if (first[0].isEmpty() || !m.matches()) {
            problems.error(pos, "invalid address \"" + first[0] + "\" for real server: expected HOST[->HOST][:PORT]"
                    + " then gate, masq or ipip");
            return null;
        }
        String rest = first.length > 1 ? first[1] : "";
        Matcher f = FORWARD.matcher(rest);
        Forwarding fwd = f.lookingAt() ? Forwarding.fromWord(f.group(1)) : null;
        if (fwd == null || (rest.length() > f.end() && !Character.isWhitespace(rest.charAt(f.end())))) {
            problems.error(pos, "real server \"" + first[0] + "\" needs a forwarding method (gate, masq or ipip)"
                    + " after the address, got \"" + rest + "\"");
            return null;
        }
        String flags = rest.substring(f.end());
        Fields strict = strictFields(flags.strip());
        Fields ld = ldirectordFields(flags);
        Fields use;
        if (strict.error() == null && ld.error() == null && !strict.sameAs(ld)) {
            problems.error(pos, "ldirectord would silently read this line differently: as " + ld.describe()
                    + " (it takes the first number after a blank as the weight, also inside the quotes), lvsd as "
                    + strict.describe() + "; remove the ambiguity (no blank before a number inside the"
                    + " request/receive strings)");
            return null;
        } else if (strict.error() == null) {
            if (ld.error() != null) {
                problems.warn(pos, "ldirectord would reject this line (it takes the first number after a blank as"
                        + " the weight, also inside the quotes, and then finds \"" + ld.error() + "\" left over);"
                        + " lvsd reads it as " + strict.describe());
            }
            use = strict;
        } else if (ld.error() != null) {
            problems.error(pos, strict.error());
            return null;
        } else {
            List<String> dropped = ld.dropped().stream().map(String::strip).filter(x -> !x.isEmpty()).toList();
            boolean dashW = dropped.size() == 1 && ld.dashW();
            boolean words = !dropped.isEmpty() && dropped.stream().allMatch(x -> x.matches(
                    "[A-Za-z][\\w.-]*(\\s+[A-Za-z][\\w.-]*)*"));
            if (dashW) {
                problems.warn(pos, "\"-w " + ld.weight() + "\" is read as the weight " + ld.weight() + ", as"
                        + " ldirectord reads it; please write the weight alone after the forwarding method");
            } else if (words) {
                problems.warn(pos, "\"" + String.join(" ", dropped) + "\" in the real server line is ignored,"
                        + " as ldirectord ignores it; lvsd reads " + ld.describe() + " (make the words a # comment)");
            } else {
                problems.error(pos, "ldirectord would silently read this line as " + ld.describe() + ", dropping \""
                        + String.join(" ", dropped) + "\"; write, in this order: gate|masq|ipip [WEIGHT]"
                        + " [\"REQUEST\", \"RECEIVE\"] [l:LOWER] [u:UPPER]");
                return null;
            }
            use = ld;
        }
        if (use.weight().length() > 5 || Integer.parseInt(use.weight()) > RealServer.MAX_WEIGHT) {
            problems.error(pos, "weight " + use.weight() + " is out of range 0.." + RealServer.MAX_WEIGHT
                    + " (ldirectord accepts the line, but ipvsadm then refuses the weight and the real server is"
                    + " never added)");
            return null;
        }
        int weight = Integer.parseInt(use.weight());
        String request = use.request();
        String receive = use.receive();
        int lower = threshold(use.lower(), pos);
        int upper = threshold(use.upper(), pos);
        if (lower < 0 || upper < 0) {
            return null;
        }
        if (lower > upper && upper == 0) {
            // the kernel refuses l_threshold > u_threshold (ERANGE) even when u is 0 (no upper limit): ldirectord's
            // ipvsadm call fails and the real is never added (seen in the test VM)
            problems.error(pos, "lower connection threshold l:" + lower + " needs an upper threshold u: at least as"
                    + " large: the kernel refuses a lower threshold above the upper one, and without u: the upper one"
                    + " is 0 (ldirectord accepts the line, but ipvsadm then fails and the real server is never added)");
            return null;
        }
        if (lower > upper) {
            problems.error(pos, "lower connection threshold l:" + lower + " is above the upper threshold u:" + upper);
            return null;
        }
        List<InetAddress> addresses = range(m.group(1), m.group(2), family, pos);
        if (addresses == null) {
            return null;
        }
        return new Drafts.RealDraft(addresses, m.group(3), fwd, weight, lower, upper, request, receive, pos);
    }

    /**
     * The fields after the forwarding method; {@code error} is null when they were read, else the message (or,
     * for ldirectord's reading, the text left over that makes it reject the line). {@code dropped} is text
     * ldirectord skipped silently; {@code dashW} whether the text it skipped just before the weight is "-w".
     */
    record Fields(String weight, String request, String receive, String lower, String upper, List<String> dropped,
            boolean dashW, String error) {
        static Fields failed(String error) {
            return new Fields("1", null, null, "0", "0", List.of(), false, error);
        }

        boolean sameAs(Fields o) {
            return num(weight).equals(num(o.weight)) && java.util.Objects.equals(request, o.request)
                    && java.util.Objects.equals(receive, o.receive) && num(lower).equals(num(o.lower))
                    && num(upper).equals(num(o.upper));
        }

        private static java.math.BigInteger num(String digits) {
            return new java.math.BigInteger(digits);
        }

        String describe() {
            return "weight " + weight + (request == null ? ", no request/receive" : ", request \"" + request
                    + "\", receive \"" + receive + "\"") + (lower.equals("0") ? "" : ", l:" + lower)
                    + (upper.equals("0") ? "" : ", u:" + upper);
        }
    }

    /** lvsd's reading: the fields in order, nothing left over. */
    private static Fields strictFields(String rest) {
        String weight = "1";
        Matcher w = WEIGHT.matcher(rest);
        if (w.lookingAt()) {
            weight = w.group(1);
            rest = rest.substring(w.end()).strip();
        }
        String request = null;
        String receive = null;
        Matcher rr = REQ_RECV.matcher(rest);
        if (rr.lookingAt()) {
            request = rr.group(1).startsWith("/") ? rr.group(1) : "/" + rr.group(1);
            receive = rr.group(2);
            rest = rest.substring(rr.end()).strip();
        }
        String lower = "0";
        String upper = "0";
        Matcher lo = LOWER.matcher(rest);
        if (lo.lookingAt()) {
            lower = lo.group(1);
            rest = rest.substring(lo.end()).strip();
        }
        Matcher up = UPPER.matcher(rest);
        if (up.lookingAt()) {
            upper = up.group(1);
            rest = rest.substring(up.end()).strip();
        }
        if (!rest.isEmpty()) {
            return Fields.failed("unexpected \"" + rest + "\" in real server line: after the forwarding method"
                    + " expected, in this order, [WEIGHT] [\"REQUEST\", \"RECEIVE\"] [l:LOWER] [u:UPPER]");
        }
        return new Fields(weight, request, receive, lower, upper, List.of(), false, null);
    }

    private static final Pattern LD_WEIGHT = Pattern.compile("\\s+(\\d+)(.*)");
    private static final Pattern LD_REQ_RECV = Pattern.compile("\\s+\"(.*)\"[, ]\\s*\"(.*)\"(.*)");
    private static final Pattern LD_LOWER = Pattern.compile("\\s+l:(\\d+)(.*)");
    private static final Pattern LD_UPPER = Pattern.compile("\\s+u:(\\d+)(.*)");

    /**
     * ldirectord's reading (add_real_server in ldirectord 4.12): each field is searched anywhere in what the
     * previous one left, so text before a match is dropped silently; what is left at the end must be blank.
     */
    static Fields ldirectordFields(String flags) {
        List<String> dropped = new ArrayList<>();
        String weight = "1";
        boolean dashW = false;
        Matcher m = LD_WEIGHT.matcher(flags);
        if (m.find()) {
            weight = m.group(1);
            dropped.add(flags.substring(0, m.start()));
            dashW = flags.substring(0, m.start()).strip().equals("-w");
            flags = m.group(2);
        }
        String request = null;
        String receive = null;
        m = LD_REQ_RECV.matcher(flags);
        if (m.find()) {
            request = m.group(1).startsWith("/") ? m.group(1) : "/" + m.group(1);
            receive = m.group(2);
            dropped.add(flags.substring(0, m.start()));
            flags = m.group(3);
        }
        String lower = "0";
        String upper = "0";
        m = LD_LOWER.matcher(flags);
        if (m.find()) {
            lower = m.group(1);
            dropped.add(flags.substring(0, m.start()));
            flags = m.group(2);
        }
        m = LD_UPPER.matcher(flags);
        if (m.find()) {
            upper = m.group(1);
            dropped.add(flags.substring(0, m.start()));
            flags = m.group(2);
        }
        if (!flags.isBlank()) {
            return Fields.failed(flags.strip());
        }
        return new Fields(weight, request, receive, lower, upper, dropped, dashW, null);
    }

    private int threshold(String digits, SourcePos pos) {
        if (digits.length() > 9) {
            problems.error(pos, "connection threshold " + digits + " is too large");
            return -1;
        }
        return Integer.parseInt(digits);
    }

    private List<InetAddress> range(String a, String b, Family family, SourcePos pos) {
        InetAddress first = hosts.address(a, family, pos, "real server");
        if (b == null) {
            return first == null ? null : List.of(first);
        }
        InetAddress last = hosts.address(b, family, pos, "real server (end of range)");
        if (first == null || last == null) {
            return null;
        }
        if (family == Family.INET6) {
            problems.error(pos, "address ranges (A->B) are only supported for IPv4 real servers");
            return null;
        }
        long lo = toLong(first);
        long hi = toLong(last);
        if (lo > hi) {
            problems.error(pos, "invalid range " + a + "->" + b + ": the first address must not be above the last");
            return null;
        }
        if (hi - lo + 1 > MAX_RANGE) {
            problems.error(pos, "range " + a + "->" + b + " has " + (hi - lo + 1) + " addresses; at most "
                    + MAX_RANGE + " are allowed in one real= line");
            return null;
        }
        List<InetAddress> out = new ArrayList<>();
        for (long i = lo; i <= hi; i++) {
            out.add(fromLong(i));
        }
        return out;
    }

    /** {@code HOST[:PORT] [gate|masq|ipip]}; forwarding defaults to gate. */
    Drafts.FallbackDraft fallback(Line l, Family family) {
        String[] t = BLANKS.split(l.value());
        if (l.value().isEmpty() || t.length > 2) {
            problems.error(l.pos(), "invalid fallback \"" + l.value() + "\": expected HOST[:PORT] [gate|masq|ipip]");
            return null;
        }
        Forwarding fwd = Forwarding.ROUTE;
        if (t.length == 2) {
            fwd = Forwarding.fromWord(t[1]);
            if (fwd == null) {
                problems.error(l.pos(), "fallback forwarding method must be gate, masq or ipip, got \"" + t[1] + "\"");
                return null;
            }
        }
        if (unbracketedV6(t[0], l.pos())) {
            return null;
        }
        Matcher m = ADDRESS.matcher(t[0]);
        if (!m.matches() || m.group(2) != null) {
            problems.error(l.pos(), "invalid fallback address \"" + t[0] + "\": expected HOST[:PORT], [IPv6][:PORT]");
            return null;
        }
        InetAddress a = hosts.address(m.group(1), family, l.pos(), "fallback server");
        return a == null ? null : new Drafts.FallbackDraft(a, m.group(3), fwd, l.pos());
    }

    private boolean unbracketedV6(String token, SourcePos pos) {
        if (Hosts.ipv6(token) == null) {
            return false;
        }
        problems.error(pos, "IPv6 address " + token + " must be written in brackets, as [" + token + "] or ["
                + token + "]:PORT");
        return true;
    }

    static long toLong(InetAddress a) {
        byte[] b = a.getAddress();
        return ((b[0] & 0xFFL) << 24) | ((b[1] & 0xFFL) << 16) | ((b[2] & 0xFFL) << 8) | (b[3] & 0xFFL);
    }

    static InetAddress fromLong(long v) {
        byte[] b = {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
        try {
            return InetAddress.getByAddress(b);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
