package lvsd.check;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lvsd.config.CheckService;
import lvsd.config.CheckSettings;
import lvsd.config.CheckType;
import lvsd.config.RealServer;
import lvsd.config.VirtualKey;
import lvsd.config.VirtualService;
import lvsd.inet.Protocol;

/**
 * Maps the config model to check registrations, with ldirectord's meaning of each setting:
 * connect/ping/external use checktimeout and negotiate checks negotiatetimeout; connect on a UDP virtual
 * is a ping; service=none and checktype=on always pass; checktype=off registers nothing (the director
 * leaves such reals as they are). Two reals that map to equal specs share one running check.
 */
public final class CheckSpecs {
    private CheckSpecs() {
    }

    /** The registration for {@code real} of {@code virtual}, or empty for checktype=off. */
    public static Optional<CheckConfig> from(VirtualService virtual, RealServer real) {
        CheckSettings c = virtual.check();
        CheckSpec spec = switch (c.type()) {
            case OFF -> null;
            case ON -> new CheckSpec.Fixed(true, secs(c.checkTimeout()));
            case CONNECT -> connect(virtual, real, c);
            case PING -> ping(real, c);
            case EXTERNAL, EXTERNAL_PERL -> external(virtual, real, c);
            case NEGOTIATE -> negotiate(virtual, real, c);
            case COMBINED -> new CheckSpec.Combined(negotiate(virtual, real, c),
                    new CheckSpec.Connect(target(real, c), secs(c.checkTimeout())), c.connectsPerNegotiate());
        };
        if (spec == null) {
            return Optional.empty();
        }
        return Optional.of(new CheckConfig(spec, secs(c.checkInterval()), c.rise(), c.failureCount()));
    }

    private static Duration secs(int s) {
        return Duration.ofSeconds(s);
    }

    /** The checked port: the real's resolved check port, else the service's, else the real's own. */
    static Target target(RealServer real, CheckSettings c) {
        int port = real.checkPort() != 0 ? real.checkPort()
                : c.checkPort() != 0 ? c.checkPort()
                : c.service().defaultPort() != 0 ? c.service().defaultPort() : real.port();
        return new Target(real.address(), port);
    }

    private static CheckSpec connect(VirtualService v, RealServer real, CheckSettings c) {
        if (v.key().protocol() == Protocol.UDP) {
            return ping(real, c); // a UDP "connect" proves nothing; ldirectord pings instead
        }
        return new CheckSpec.Connect(target(real, c), secs(c.checkTimeout()));
    }

    private static CheckSpec ping(RealServer real, CheckSettings c) {
        return new CheckSpec.Ping(new Target(real.address(), 0), c.checkCount(), secs(c.checkTimeout()));
    }

    private static CheckSpec external(VirtualService v, RealServer real, CheckSettings c) {
        VirtualKey k = v.key();
        String vip = k.isFwmark() ? Long.toString(k.fwmark()) : k.address().getHostAddress();
        List<String> args = List.of(vip, Integer.toString(k.port()), real.address().getHostAddress(),
                Integer.toString(real.port()));
        return new CheckSpec.External(c.checkArgv(), args, false, secs(c.checkTimeout()));
    }

    private static CheckSpec negotiate(VirtualService v, RealServer real, CheckSettings c) {
        Target t = target(real, c);
        Duration to = secs(c.negotiateTimeout());
        String request = real.request().orElse(c.request());
        String receive = real.receive().orElse(c.receive());
        String bare = request.startsWith("/") ? request.substring(1) : request;
        boolean udp = v.key().protocol() == Protocol.UDP;
        CheckService s = c.service();
        if ((s == CheckService.MYSQL || s == CheckService.PGSQL) && (c.login().isEmpty() || bare.isEmpty())) {
            // without a login or a query a SQL check cannot pass (the parser warned): fail, as ldirectord does
            return new CheckSpec.Fixed(false, to);
        }
        return switch (s) {
            case HTTP, HTTPS -> new CheckSpec.Http(t, s == CheckService.HTTPS, false, c.httpMethod(),
                    absolute(bare) ? bare : request, c.virtualHost().orElse(""), receive, to);
            // the real is a proxy: ask it for the absolute URL in request
            case HTTP_PROXY -> new CheckSpec.Http(t, false, false, c.httpMethod(), absolute(bare) ? bare : request,
                    c.virtualHost().orElse(""), receive, to);
            case FTP -> dialog(CheckSpec.Service.FTP, t, false, false, request, receive, c, to);
            case SMTP, SUBMISSION -> dialog(CheckSpec.Service.SMTP, t, false, false, request, receive, c, to);
            case POP -> dialog(CheckSpec.Service.POP, t, false, false, request, receive, c, to);
            case POPS -> dialog(CheckSpec.Service.POP, t, true, false, request, receive, c, to);
            case IMAP -> dialog(CheckSpec.Service.IMAP, t, false, false, request, receive, c, to);
            case IMAPS -> dialog(CheckSpec.Service.IMAP, t, true, false, request, receive, c, to);
            case NNTP -> dialog(CheckSpec.Service.NNTP, t, false, false, request, receive, c, to);
            case SIMPLETCP -> dialog(CheckSpec.Service.SIMPLETCP, t, false, false, request, receive, c, to);
            case SIP -> dialog(CheckSpec.Service.SIP, t, false, udp, request, receive, c, to);
            case DNS -> new CheckSpec.Dns(t, v.key().protocol() == Protocol.TCP, bare, receive, to);
            case LDAP, LDAPS -> new CheckSpec.Ldap(t, s == CheckService.LDAPS, c.login(), c.passwd(), bare, receive, to);
            case MYSQL -> new CheckSpec.Sql(CheckSpec.SqlKind.MYSQL, t, c.login(), c.passwd(), c.database(), bare, to);
            case PGSQL -> new CheckSpec.Sql(CheckSpec.SqlKind.PGSQL, t, c.login(), c.passwd(), c.database(), bare, to);
            case RADIUS -> new CheckSpec.Radius(t, c.login(), c.passwd(), c.secret(), to);
            // Oracle's protocol (TNS) is not spoken: a TCP connect is the honest subset
            case ORACLE -> new CheckSpec.Connect(t, to);
            case NONE -> new CheckSpec.Fixed(true, to);
        };
    }

    private static boolean absolute(String s) {
        return s.startsWith("http://") || s.startsWith("https://");
    }

    private static CheckSpec dialog(CheckSpec.Service s, Target t, boolean tls, boolean udp, String request,
            String receive, CheckSettings c, Duration to) {
        return new CheckSpec.Dialog(s, t, tls, udp, request, receive, c.login(), c.passwd(), to);
    }

    /** Splits a checkcommand into argv: whitespace separates, single or double quotes group. */
    public static List<String> splitCommand(String command) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        boolean any = false;
        for (char ch : command.trim().toCharArray()) {
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                } else {
                    cur.append(ch);
                }
            } else if (ch == '"' || ch == '\'') {
                quote = ch;
                any = true;
            } else if (Character.isWhitespace(ch)) {
                if (any || cur.length() > 0) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    any = false;
                }
            } else {
                cur.append(ch);
            }
        }
        if (any || cur.length() > 0) {
            out.add(cur.toString());
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("empty checkcommand");
        }
        return out;
    }
}
