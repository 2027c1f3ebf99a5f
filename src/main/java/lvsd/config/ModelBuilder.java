package lvsd.config;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import lvsd.inet.Family;
import lvsd.inet.Forwarding;
import lvsd.inet.Protocol;

/**
 * Turns the drafts into the immutable model: resolves ports (now that each virtual's protocol is known),
 * fills defaults through {@link Layers}, applies ldirectord's derived defaults (service from port, timeouts that
 * default to each other, ftp/sip logins) and checks what needs the whole block (duplicates, port 0).
 */
final class ModelBuilder {
    private final Problems problems;
    private final Hosts hosts;
    private final NameResolver resolver;

    ModelBuilder(Problems problems, Hosts hosts, NameResolver resolver) {
        this.problems = problems;
        this.hosts = hosts;
        this.resolver = resolver;
    }

    GlobalSettings globals(Drafts.Global g) {
        Layers l = Layers.global(g.layered);
        return new GlobalSettings(
                Boolean.TRUE.equals(g.autoReload),
                Optional.ofNullable(g.callback),
                g.callbackArgv,
                l.bool("cleanstop"),
                g.logFile == null ? "/var/log/ldirectord.log" : g.logFile,
                Boolean.TRUE.equals(g.supervised),
                Boolean.TRUE.equals(g.fork),
                Optional.ofNullable(g.maintenanceDir),
                Optional.ofNullable(g.maintenanceDirLine),
                Boolean.TRUE.equals(g.readdQuiescent),
                l.bool("quiescent"),
                emailAlert(l, g),
                l.integer("checkinterval"),
                g.checkTimeout == null ? OptionalInt.empty() : OptionalInt.of(g.checkTimeout),
                g.negotiateTimeout == null ? OptionalInt.empty() : OptionalInt.of(g.negotiateTimeout),
                l.integer("checkcount"),
                l.integer("failurecount"),
                globalFallback(g.fallback),
                globalFallback(g.fallback6),
                l.optionalString("fallbackcommand"),
                g.execute,
                l.integer("drain"),
                l.integer("rise"),
                Boolean.TRUE.equals(g.reloadGuard));
    }

    private Optional<Fallback> globalFallback(Drafts.FallbackDraft f) {
        if (f == null) {
            return Optional.empty();
        }
        int port = 0;
        if (f.portToken() != null) {
            Integer p = hosts.port(f.portToken(), "tcp", f.pos(), "fallback server");
            if (p == null) {
                return Optional.empty();
            }
            port = p;
        }
        return Optional.of(new Fallback(f.address(), port, f.forwarding(), Fallback.WEIGHT, f.pos()));
    }

    private static EmailAlert emailAlert(Layers l, Drafts.Global g) {
        return new EmailAlert(l.string("emailalert"), l.integer("emailalertfreq"),
                CommonDirectives.statesOf(l.string("emailalertstatus")), l.optionalString("smtp"),
                Optional.ofNullable(g.emailAlertFrom));
    }

    /** Null when the block has errors (already reported). */
    VirtualService virtual(Drafts.Virtual v, Drafts.Global g, GlobalSettings globals) {
        if (!v.headerOk) {
            return null;
        }
        int errorsBefore = problems.errorCount();
        int port = 0;
        VirtualKey key;
        if (v.isFwmark()) {
            key = VirtualKey.fwmark(v.family, v.fwmark);
        } else {
            Integer p = hosts.port(v.portToken, v.protocol.word(), v.pos, "virtual service");
            if (p == null) {
                return null;
            }
            port = p;
            key = new VirtualKey(v.protocol, v.family, v.address, port, 0);
            if (port == 0 && v.persistent == null) {
                problems.error(v.pos, "virtual service port 0 (all ports) needs persistent= in its block, as"
                        + " IPVS only accepts port 0 for persistent services (ldirectord accepts the line, but"
                        + " ipvsadm then refuses the service and it is never added)");
            }
        }
        if (v.netmask != null && v.persistent == null) {
            problems.warn(v.seen.get("netmask"), "netmask has no effect without persistent");
        }
        if (v.schedFlags != null) {
            // as ipvsadm -b: the sh-/mh- names belong to their scheduler (ldirectord's ipvsadm call fails)
            for (String item : v.schedFlags.split(",")) {
                String name = item.trim().toLowerCase(java.util.Locale.ROOT);
                if ((name.startsWith("sh-") || name.startsWith("mh-")) && !name.startsWith(v.scheduler + "-")) {
                    problems.error(v.seen.get("schedflags"), "schedflags " + name + " is for scheduler "
                            + name.substring(0, 2) + ", but this virtual uses " + v.scheduler
                            + " (flag-1..3 name the bits for any scheduler)");
                }
            }
        }
        if (v.ops && v.protocol != Protocol.UDP) {
            problems.error(v.seen.get("ops"), "ops=yes (one-packet scheduling) is only possible for UDP virtual"
                    + " services, this one is " + (v.isFwmark() ? "fwm" : v.protocol.word()) + " (ldirectord accepts"
                    + " the line, but ipvsadm then fails to add the service); remove ops=yes");
        }
        if (v.seen.containsKey("checkinterval") && !globals.fork()) {
            problems.warn(v.seen.get("checkinterval"), "ldirectord ignores a per-virtual checkinterval unless"
                    + " fork=yes; lvsd honours it");
        }
        Layers l = Layers.virtual(v.layered, g.layered);
        CheckService service = v.service != null ? v.service
                : v.isFwmark() ? CheckService.NONE : CheckService.forPort(port);
        CheckSettings check = check(v, g, l, service);
        List<RealServer> reals = new ArrayList<>();
        for (Drafts.RealDraft r : v.reals) {
            reals(r, v, port, service, reals);
        }
        Optional<Fallback> fallback = fallback(v, globals, port);
        sqlCheckNeeds(v, check, reals);
        if (problems.errorCount() > errorsBefore) {
            return null;
        }
        Optional<String> fallbackCommand = l.optionalString("fallbackcommand");
        EmailAlert alert = new EmailAlert(l.string("emailalert"), l.integer("emailalertfreq"),
                CommonDirectives.statesOf(l.string("emailalertstatus")), l.optionalString("smtp"),
                Optional.ofNullable(g.emailAlertFrom));
        return new VirtualService(v.pos, key, v.scheduler,
                v.persistent == null ? OptionalInt.empty() : OptionalInt.of(v.persistent),
                Optional.ofNullable(v.netmask),
                v.netmaskValue == null ? OptionalInt.empty() : OptionalInt.of(v.netmaskValue),
                Optional.ofNullable(v.schedFlags), v.schedFlagSet, v.ops,
                l.bool("quiescent"), l.bool("cleanstop"), l.integer("drain"), check, fallback,
                fallbackCommand,
                // validated as a command where it was written (CommonDirectives)
                fallbackCommand.map(Words::split).orElse(List.of()), alert,
                Optional.ofNullable(v.monitorFile),
                Optional.ofNullable(v.serviceName), Optional.ofNullable(v.comment), reals);
    }

    private CheckSettings check(Drafts.Virtual v, Drafts.Global g, Layers l, CheckService service) {
        // ldirectord: each timeout falls back to the other one of the virtual, then the global one, then the
        // other global one, then its built-in default (5 s check, 30 s negotiate)
        int checkTimeout = first(v.checkTimeout, v.negotiateTimeout, g.checkTimeout, g.negotiateTimeout, 5);
        int negotiateTimeout = first(v.negotiateTimeout, v.checkTimeout, g.negotiateTimeout, g.checkTimeout, 30);
        String host = resolver.localHostName();
        String login = v.login != null ? v.login
                : service == CheckService.FTP ? "anonymous"
                : service == CheckService.SIP ? "ldirectord@" + host : "";
        String passwd = v.passwd != null ? v.passwd : service == CheckService.FTP ? "ldirectord@" + host : "";
        return new CheckSettings(v.checkType, v.connects, service, v.checkPort == null ? 0 : v.checkPort,
                v.request, v.receive, v.httpMethod, Optional.ofNullable(v.virtualHost), login, passwd, v.database,
                v.secret, v.checkCommand, v.checkArgv, l.integer("checkinterval"), checkTimeout, negotiateTimeout,
                l.integer("checkcount"), l.integer("failurecount"), l.integer("rise"));
    }

    /**
     * A SQL negotiate check logs in and runs the request as its query; without either it can never pass. ldirectord
     * accepts such a file (its reals just stay down), so this is a warning, and the check is a fixed failure.
     */
    private void sqlCheckNeeds(Drafts.Virtual v, CheckSettings check, List<RealServer> reals) {
        boolean negotiates = check.type() == CheckType.NEGOTIATE || check.type() == CheckType.COMBINED;
        if (!negotiates || (check.service() != CheckService.MYSQL && check.service() != CheckService.PGSQL)) {
            return;
        }
        boolean noQuery = reals.stream().anyMatch(r -> check.requestFor(r).replaceFirst("^/", "").isEmpty());
        if (check.login().isEmpty() || noQuery) {
            problems.warn(v.pos, "the " + check.service().word() + " negotiate check needs login=\"USER\" and"
                    + " request=\"QUERY\"; without " + (check.login().isEmpty() ? "login" : "a request")
                    + " it can never pass and the reals stay down (as in ldirectord)");
        }
    }

    private static int first(Integer a, Integer b, Integer c, Integer d, int dflt) {
        return a != null ? a : b != null ? b : c != null ? c : d != null ? d : dflt;
    }

    private void reals(Drafts.RealDraft r, Drafts.Virtual v, int vport, CheckService service, List<RealServer> out) {
        Integer configured = null;
        if (r.portToken() != null) {
            // ldirectord looks real ports up for any protocol (getservbyname with an empty protocol)
            configured = hosts.port(r.portToken(), null, r.pos(), "real server");
            if (configured == null) {
                return;
            }
        }
        int port = ipvsPort(configured, r.forwarding(), v, vport, r.pos(), "real server");
        int checkPort = v.checkPort != null ? v.checkPort
                : configured != null && configured > 0 ? configured : service.defaultPort();
        for (InetAddress a : r.addresses()) {
            out.add(new RealServer(a, port, r.forwarding(), r.weight(), r.lower(), r.upper(),
                    Optional.ofNullable(r.request()), Optional.ofNullable(r.receive()), checkPort, r.pos()));
        }
    }

    /**
     * The port in the IPVS table, as ldirectord's table has it (checked against ldirectord in the test VM):
     * ldirectord passes a real without a port as port 0. The kernel replaces the port of a gate or ipip
     * destination of an address service by the virtual's port, whatever was given, because only NAT can change
     * it; a NAT destination keeps port 0, which IPVS reads as "the port the client connected to".
     */
    private int ipvsPort(Integer configured, Forwarding fwd, Drafts.Virtual v, int vport, SourcePos pos,
            String role) {
        if (v.isFwmark()) {
            return configured == null ? 0 : configured;
        }
        if (configured == null) {
            return fwd.canChangePort() ? 0 : vport;
        }
        if (!fwd.canChangePort() && configured != vport) {
            problems.warn(pos, role + " port " + configured + " differs from the virtual port " + vport + ", but "
                    + fwd.word() + " forwarding cannot change the port: IPVS delivers to port " + vport
                    + " (health checks still use " + configured + ")");
            return vport;
        }
        return configured;
    }

    private Optional<Fallback> fallback(Drafts.Virtual v, GlobalSettings globals, int vport) {
        Drafts.FallbackDraft f = v.fallback;
        if (f != null) {
            // a fallback without a port gets the virtual's port written into it (ldirectord's parse_fallback)
            Integer configured = v.isFwmark() ? null : vport;
            if (f.portToken() != null) {
                configured = hosts.port(f.portToken(), v.isFwmark() ? null : v.protocol.word(), f.pos(),
                        "fallback server");
                if (configured == null) {
                    return Optional.empty();
                }
            }
            int port = ipvsPort(configured, f.forwarding(), v, vport, f.pos(), "fallback server");
            return Optional.of(new Fallback(f.address(), port, f.forwarding(), Fallback.WEIGHT, f.pos()));
        }
        Optional<Fallback> global = v.family == Family.INET ? globals.fallback() : globals.fallback6();
        return global.map(gf -> {
            Integer configured = gf.port();
            if (gf.port() == 0) {
                configured = v.isFwmark() ? null : Integer.valueOf(vport);
            }
            int port = ipvsPort(configured, gf.forwarding(), v, vport, gf.pos(), "global fallback server");
            return new Fallback(gf.address(), port, gf.forwarding(), gf.weight(), gf.pos());
        });
    }

    /** Reports every virtual whose key was already used; returns the ones to keep. */
    List<VirtualService> dropDuplicates(List<VirtualService> virtuals) {
        Map<VirtualKey, VirtualService> seen = new HashMap<>();
        List<VirtualService> out = new ArrayList<>();
        for (VirtualService vs : virtuals) {
            VirtualService first = seen.putIfAbsent(vs.key(), vs);
            if (first != null) {
                problems.error(vs.pos(), "duplicate virtual service " + vs.key() + ": already defined at line "
                        + first.pos().line());
            } else {
                out.add(vs);
            }
        }
        return out;
    }
}
