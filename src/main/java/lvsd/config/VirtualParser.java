package lvsd.config;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lvsd.inet.Family;
import lvsd.inet.Protocol;

/** Reads one {@code virtual=}/{@code virtual6=} block into a {@link Drafts.Virtual}; names are resolved here. */
final class VirtualParser {
    private static final Pattern FWMARK = Pattern.compile("\\d+");
    private static final Pattern V6_PORT = Pattern.compile("\\[([^\\]]*)\\]:([0-9A-Za-z_-]+)");
    private static final Pattern HOST_PORT = Pattern.compile("([0-9A-Za-z._+-]+):([0-9A-Za-z_-]+)");
    /** What ldirectord's unanchored header match reads: HOST:PORT (group 1) or else a firewall mark (group 2). */
    private static final Pattern LD_HEADER = Pattern.compile(
            "([0-9A-Za-z._+-]+:[0-9A-Za-z_-]+|\\[[0-9A-Fa-f:]+\\]:[0-9A-Za-z_-]+)|(\\d+)");
    private static final String SERVICES = "dns, ftp, http, https, http_proxy, imap, imaps, ldap, ldaps, mysql,"
            + " nntp, none, oracle, pgsql, pop, pops, radius, simpletcp, sip, smtp or submission";

    private final Problems problems;
    private final Values values;
    private final Hosts hosts;
    private final EndpointParser endpoints;
    private final CommonDirectives common;

    VirtualParser(Problems problems, Values values, Hosts hosts, EndpointParser endpoints, CommonDirectives common) {
        this.problems = problems;
        this.values = values;
        this.hosts = hosts;
        this.endpoints = endpoints;
        this.common = common;
    }

    Drafts.Virtual parse(Lexed.Block block) {
        Line h = block.header();
        Family family = h.key().equals("virtual6") ? Family.INET6 : Family.INET;
        Drafts.Virtual v = new Drafts.Virtual(h.pos(), family);
        header(h, v);
        for (Line l : block.body()) {
            SourcePos before = v.seen.get(l.key());
            if (before != null && !l.key().equals("real") && !l.key().equals("real6")) {
                problems.warn(l.pos(), l.key() + " is given again (first at line " + before.line()
                        + "); the last value wins, as in ldirectord");
            }
            v.seen.put(l.key(), l.pos());
            directive(l, v);
        }
        return v;
    }

    private void header(Line h, Drafts.Virtual v) {
        String s = h.value();
        Matcher m;
        if (FWMARK.matcher(s).matches()) {
            long mark = s.length() <= 10 ? Long.parseLong(s) : -1;
            if (mark < 1 || mark > 0xFFFF_FFFFL) {
                problems.error(h.pos(), "firewall mark " + s + " is out of range 1..4294967295");
                return;
            }
            v.fwmark = mark;
            v.headerOk = true;
            return;
        }
        String host;
        String port;
        Matcher lead = LD_HEADER.matcher(s);
        if (!V6_PORT.matcher(s).matches() && !HOST_PORT.matcher(s).matches() && lead.lookingAt()
                && lead.group(1) != null && s.length() > lead.end()) {
            String rest = s.substring(lead.end());
            if (Character.isWhitespace(rest.charAt(0))) {
                // ldirectord reads the address and port at the start and ignores the rest: leftover comment words
                problems.warn(h.pos(), "\"" + rest.strip() + "\" after the virtual service " + lead.group(1)
                        + " is ignored, as ldirectord ignores it; make it a comment (# " + rest.strip() + ")");
                s = lead.group(1);
            } else {
                problems.error(h.pos(), "invalid virtual service \"" + s + "\": ldirectord would silently read it"
                        + " as " + lead.group(1) + " and ignore \"" + rest + "\"; write HOST:PORT alone");
                return;
            }
        } else if (!V6_PORT.matcher(s).matches() && !HOST_PORT.matcher(s).matches() && lead.lookingAt()
                && lead.group(2) != null) {
            problems.error(h.pos(), "invalid virtual service \"" + s + "\": ldirectord would silently read it as"
                    + " the firewall mark " + lead.group(2) + "; write ADDRESS:PORT (e.g. "
                    + (s.matches("[0-9.]+") ? s : "192.0.2.1") + ":80) for an address, or virtual=" + lead.group(2)
                    + " for a firewall mark");
            return;
        }
        if ((m = V6_PORT.matcher(s)).matches()) {
            host = "[" + m.group(1) + "]";
            port = m.group(2);
        } else if ((m = HOST_PORT.matcher(s)).matches()) {
            host = m.group(1);
            port = m.group(2);
        } else {
            problems.error(h.pos(), "invalid virtual service \"" + s + "\": expected "
                    + (v.family == Family.INET ? "IPv4:PORT, HOST:PORT" : "[IPv6]:PORT, HOST:PORT")
                    + " or a firewall mark (a number)");
            return;
        }
        v.address = hosts.address(host, v.family, h.pos(), "virtual service");
        v.portToken = port;
        // ldirectord's default: udp for the DNS port, tcp otherwise, decided on the port as written
        v.protocol = port.equals("53") || port.equals("domain") ? Protocol.UDP : Protocol.TCP;
        v.headerOk = v.address != null;
    }

    private void directive(Line l, Drafts.Virtual v) {
        if (common.handle(l, v.layered)) {
            return;
        }
        switch (l.key()) {
            case "real", "real6" -> {
                if (l.key().equals("real6") != (v.family == Family.INET6)) {
                    problems.error(l.pos(), "cannot use \"" + l.key() + "\" in a " + (v.family == Family.INET6
                            ? "virtual6 block: use \"real6\"" : "virtual block: use \"real\""));
                    return;
                }
                Drafts.RealDraft r = endpoints.real(l, v.family);
                if (r != null) {
                    v.reals.add(r);
                }
            }
            case "fallback", "fallback6" -> {
                if (l.key().equals("fallback6") != (v.family == Family.INET6)) {
                    problems.error(l.pos(), "cannot use \"" + l.key() + "\" in a " + (v.family == Family.INET6
                            ? "virtual6 block: use \"fallback6\"" : "virtual block: use \"fallback\""));
                    return;
                }
                v.fallback = endpoints.fallback(l, v.family);
            }
            case "request" -> {
                String r = values.quoted(l, "request needs a non-empty string, e.g. request=\"index.html\"");
                if (r != null) {
                    v.request = r.startsWith("/") ? r : "/" + r;
                }
            }
            case "receive" -> set(values.quoted(l, "receive needs a non-empty string (leave it out for no check)"),
                    x -> v.receive = x);
            case "login" -> set(values.quoted(l, "login needs a non-empty string"), x -> v.login = x);
            case "passwd" -> set(values.quoted(l, "passwd needs a non-empty string"), x -> v.passwd = x);
            case "database" -> set(values.quoted(l, "database needs a non-empty string"), x -> v.database = x);
            case "secret" -> set(values.quoted(l, "secret needs a non-empty string"), x -> v.secret = x);
            case "load" -> {
                if (values.quoted(l, "load needs a non-empty string") != null) {
                    problems.warn(l.pos(), "load is accepted for compatibility but ignored (as in ldirectord)");
                }
            }
            case "checktype" -> checkType(l, v);
            case "checkcommand" -> {
                List<String> argv = values.command(l, "the program run for checktype=external");
                if (argv != null) {
                    v.checkCommand = Values.unquote(l.value());
                    v.checkArgv = argv;
                }
            }
            case "checktimeout" -> set(values.seconds(l), x -> v.checkTimeout = x);
            case "negotiatetimeout" -> set(values.seconds(l), x -> v.negotiateTimeout = x);
            case "connecttimeout" -> problems.error(l.pos(),
                    "connecttimeout is no longer supported (ldirectord rejects it too): use negotiatetimeout");
            case "checkport" -> set(values.ldInteger(l, 1, "a port number in 1..65535", false, false), x -> {
                if (x > 65535) {
                    problems.error(l.pos(), "checkport must be a port number in 1..65535, got " + x);
                } else {
                    v.checkPort = x;
                }
            });
            case "scheduler" -> {
                java.util.regex.Matcher lower = Pattern.compile("[a-z]+").matcher(l.value());
                if (l.value().matches("[a-z]+")) {
                    v.scheduler = l.value();
                } else if (l.value().matches("\"[a-z]+\"")) {
                    v.scheduler = Values.unquote(l.value());
                    problems.warn(l.pos(), "scheduler " + l.value() + " is read as " + v.scheduler + ", as ldirectord"
                            + " reads it; please write scheduler=" + v.scheduler);
                } else if (lower.find()) {
                    String low = l.value().toLowerCase(java.util.Locale.ROOT);
                    problems.error(l.pos(), "invalid scheduler \"" + l.value() + "\": ldirectord would silently use"
                            + " the scheduler \"" + lower.group() + "\" (the first run of lowercase letters); write "
                            + (low.matches("[a-z]+") ? "scheduler=" + low : "an IPVS scheduler name in lowercase"
                            + " letters, e.g. wrr, wlc, rr"));
                } else {
                    problems.error(l.pos(), "invalid scheduler \"" + l.value()
                            + "\": expected an IPVS scheduler name in lowercase letters, e.g. wrr, wlc, rr");
                }
            }
            case "persistent" -> {
                if (Values.unquote(l.value()).matches("0+")) {
                    problems.error(l.pos(), "persistent must be a timeout in seconds greater than 0, got \""
                            + l.value() + "\" (ldirectord accepts the line, but ipvsadm then refuses the service and"
                            + " it is never added); leave persistent out for no persistence");
                } else {
                    set(values.ldInteger(l, 1, "a timeout in seconds greater than 0", true, false),
                            x -> v.persistent = x);
                }
            }
            case "schedflags" -> schedFlags(l, v);
            case "netmask" -> netmask(l, v);
            case "protocol" -> protocol(l, v);
            case "ops" -> set(values.yesNo(l), x -> v.ops = x);
            case "service" -> {
                CheckService s = CheckService.fromWord(l.value());
                if (s == null) {
                    problems.error(l.pos(), "unknown service \"" + l.value() + "\": expected " + SERVICES
                            + firstWordNote(l, w -> CheckService.fromWord(w) != null, false));
                } else {
                    v.service = s;
                }
            }
            case "httpmethod" -> {
                String m = l.value().toUpperCase(java.util.Locale.ROOT);
                if (m.equals("GET") || m.equals("HEAD")) {
                    v.httpMethod = m;
                } else {
                    problems.error(l.pos(), "httpmethod must be GET or HEAD, got \"" + l.value() + "\""
                            + firstWordNote(l, w -> w.equalsIgnoreCase("GET") || w.equalsIgnoreCase("HEAD"), true));
                }
            }
            case "virtualhost" -> set(values.text(l, "the Host header for HTTP checks"), x -> v.virtualHost = x);
            case "monitorfile" -> set(values.text(l, "a file to append check results to"), x -> v.monitorFile = x);
            case "servicename" -> v.serviceName = Values.unquote(l.value());
            case "comment" -> v.comment = Values.unquote(l.value());
            default -> problems.error(l.pos(), "unknown directive \"" + l.key() + "\" in a virtual block"
                    + " (see docs/config.md for the directives ldirectord and lvsd accept)");
        }
    }

    private static <T> void set(T value, java.util.function.Consumer<T> to) {
        if (value != null) {
            to.accept(value);
        }
    }

    private void checkType(Line l, Drafts.Virtual v) {
        String s = l.value();
        if (s.matches("\\d{1,9}")) {
            int n = Integer.parseInt(s);
            if (n == 0) {
                // ldirectord accepts 0 and then runs only negotiate checks; say so rather than keep a 0 mode
                problems.warn(l.pos(), "checktype=0 means negotiate checks only; lvsd reads it as checktype=negotiate");
                v.checkType = CheckType.NEGOTIATE;
                v.connects = 0;
            } else {
                v.checkType = CheckType.COMBINED;
                v.connects = n;
            }
            return;
        }
        CheckType t = CheckType.fromWord(s);
        java.util.regex.Matcher digits = Pattern.compile("\\d+").matcher(s);
        java.util.regex.Matcher word = Pattern.compile("[\\w-]+").matcher(s);
        if (t == null && digits.find()) {
            problems.error(l.pos(), "invalid checktype \"" + s + "\": ldirectord would silently read it as"
                    + " checktype=" + digits.group() + " (a combined check, " + digits.group() + " connect checks"
                    + " between negotiate checks); write checktype=" + digits.group() + " if that is meant, else"
                    + " connect, negotiate, ping, external, external-perl, on or off");
            return;
        }
        if (t == null && word.find() && CheckType.fromWord(word.group()) != null) {
            problems.error(l.pos(), "invalid checktype \"" + s + "\": ldirectord would silently read it as"
                    + " checktype=" + word.group() + " and ignore the rest; write checktype=" + word.group()
                    + " alone");
            return;
        }
        if (t == null) {
            problems.error(l.pos(), "invalid checktype \"" + s + "\": expected connect, negotiate, ping, external,"
                    + " external-perl, on, off or a number N (N connect checks between negotiate checks)");
            return;
        }
        v.checkType = t;
        v.connects = 0;
    }

    private void schedFlags(Line l, Drafts.Virtual v) {
        String s = values.text(l, "IPVS scheduler flags, e.g. sh-port");
        if (s == null) {
            return;
        }
        Optional<Set<SchedFlag>> flags = SchedFlag.parseList(s);
        if (flags.isEmpty()) {
            problems.error(l.pos(), "invalid schedflags \"" + s + "\": expected a comma list of "
                    + SchedFlag.NAMES);
            return;
        }
        v.schedFlags = s;
        v.schedFlagSet = flags.get();
    }

    /** Stored as written (the dump) and as its value: the 32-bit IPv4 mask, or the IPv6 prefix length. */
    private void netmask(Line l, Drafts.Virtual v) {
        String s = l.value();
        InetAddress v4;
        if (v.family == Family.INET6) {
            if (s.matches("\\d{1,3}") && Integer.parseInt(s) >= 1 && Integer.parseInt(s) <= 128) {
                v.netmask = s;
                v.netmaskValue = Integer.parseInt(s);
            } else {
                problems.error(l.pos(), "invalid netmask \"" + s + "\" for an IPv6 virtual: expected a prefix"
                        + " length 1..128");
            }
        } else if ((v4 = Hosts.ipv4(s)) != null) {
            // like ipvsadm -M, any dotted value is taken (the kernel ANDs it with the client address)
            v.netmask = s;
            v.netmaskValue = java.nio.ByteBuffer.wrap(v4.getAddress()).getInt();
        } else {
            problems.error(l.pos(), "invalid netmask \"" + s + "\" for an IPv4 virtual: expected a dotted quad such"
                    + " as 255.255.255.0" + (s.matches("\\d+\\.\\d+\\.\\d+\\.\\d+") ? " (ldirectord accepts any"
                    + " four dotted numbers, but ipvsadm then refuses the service and it is never added)" : ""));
        }
    }

    private void protocol(Line l, Drafts.Virtual v) {
        String s = l.value();
        if (v.protocol == null && !v.isFwmark()) {
            if (!s.equals("tcp") && !s.equals("udp") && !s.equals("fwm")) {
                problems.error(l.pos(), "protocol must be tcp, udp or fwm, got \"" + s + "\"");
            }
            return; // the header is broken and already reported
        }
        if (v.isFwmark()) {
            if (!s.equals("fwm")) {
                problems.error(l.pos(), "protocol must be fwm for a firewall-mark virtual service, got \"" + s + "\""
                        + firstWordNote(l, "fwm"::equals, false));
            }
        } else if (s.equals("tcp") || s.equals("udp")) {
            v.protocol = s.equals("tcp") ? Protocol.TCP : Protocol.UDP;
        } else {
            problems.error(l.pos(), "protocol must be tcp or udp for an address:port virtual service, got \""
                    + s + "\"" + firstWordNote(l, w -> w.equals("tcp") || w.equals("udp"), false));
        }
    }

    /**
     * For a value ldirectord reads by its first word ({@code (\w+)}): when that word is valid but the value has
     * more, what ldirectord would silently have read; else "".
     */
    private static String firstWordNote(Line l, java.util.function.Predicate<String> valid, boolean upper) {
        java.util.regex.Matcher w = Pattern.compile("\\w+").matcher(l.value());
        if (!w.find() || w.group().equals(l.value()) || !valid.test(w.group())) {
            return "";
        }
        String word = upper ? w.group().toUpperCase(java.util.Locale.ROOT) : w.group();
        return " (ldirectord would silently read it as " + l.key() + "=" + word + " and ignore the rest; write "
                + l.key() + "=" + word + " alone)";
    }
}
