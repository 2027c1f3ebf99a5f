package lvsd.config;

import lvsd.inet.Family;
import java.util.List;

/** Reads the column-0 directives into a {@link Drafts.Global}. */
final class GlobalParser {
    private final Problems problems;
    private final Values values;
    private final EndpointParser endpoints;
    private final CommonDirectives common;
    private final Drafts.Global g = new Drafts.Global();

    GlobalParser(Problems problems, Values values, EndpointParser endpoints, CommonDirectives common) {
        this.problems = problems;
        this.values = values;
        this.endpoints = endpoints;
        this.common = common;
    }

    Drafts.Global draft() {
        return g;
    }

    void line(Line l) {
        SourcePos before = g.seen.get(l.key());
        if (before != null && !l.key().equals("execute")) {
            problems.warn(l.pos(), l.key() + " is given again (first at line " + before.line()
                    + "); the last value wins, as in ldirectord");
        }
        g.seen.put(l.key(), l.pos());
        if (l.key().equals("supervised") && !l.hasEquals()) {
            problems.warn(l.pos(), "a bare \"supervised\" means supervised=yes; please write supervised=yes");
            g.supervised = true;
            return;
        }
        if (!l.hasEquals()) {
            problems.error(l.pos(), "\"" + l.key() + "\" needs a value: expected " + l.key() + "=VALUE");
            return;
        }
        if (common.handle(l, g.layered)) {
            return;
        }
        switch (l.key()) {
            case "checktimeout" -> set(values.seconds(l), x -> g.checkTimeout = x);
            case "negotiatetimeout" -> set(values.seconds(l), x -> g.negotiateTimeout = x);
            case "connecttimeout" -> problems.error(l.pos(),
                    "connecttimeout is no longer supported (ldirectord rejects it too): use negotiatetimeout");
            case "timeout" -> problems.error(l.pos(), "timeout is no longer supported (ldirectord rejects it too):"
                    + " use checktimeout and negotiatetimeout");
            case "fallback" -> g.fallback = endpoints.fallback(l, Family.INET);
            case "fallback6" -> g.fallback6 = endpoints.fallback(l, Family.INET6);
            case "autoreload" -> set(values.yesNo(l), x -> g.autoReload = x);
            case "reload_guard" -> set(values.yesNo(l), x -> g.reloadGuard = x);
            case "strict" -> set(values.yesNo(l), x -> g.strict = x);
            case "fork" -> set(values.yesNo(l), x -> g.fork = x);
            case "supervised" -> set(values.yesNo(l), x -> g.supervised = x);
            case "readdquiescent" -> set(values.yesNo(l), x -> g.readdQuiescent = x);
            case "callback" -> callback(l);
            case "logfile" -> set(values.quoted(l, "logfile needs a file path or a syslog facility"),
                    x -> g.logFile = x);
            case "execute" -> set(values.text(l, "another ldirectord config file"), x -> {
                g.execute.add(x);
                problems.warn(l.pos(), "execute= (starting further ldirectord instances) is not supported by lvsd"
                        + " and is ignored: run one lvsd per config file instead");
            });
            case "emailalertfrom" -> set(values.text(l, "the From address of alert mails"),
                    x -> g.emailAlertFrom = x);
            case "maintenancedir" -> set(values.text(l, "a directory"), x -> {
                g.maintenanceDir = x;
                g.maintenanceDirLine = l.pos();
            });
            default -> problems.error(l.pos(), "unknown global directive \"" + l.key() + "\""
                    + (VIRTUAL_ONLY.contains(l.key()) ? ": it belongs in a virtual block, indented by a tab or 4"
                    + " spaces" : " (see docs/config.md for the directives ldirectord and lvsd accept)"));
        }
    }

    private static final java.util.Set<String> VIRTUAL_ONLY = java.util.Set.of(
            "real", "real6", "request", "receive", "checktype", "checkcommand", "checkport", "login", "passwd",
            "database", "secret", "scheduler", "persistent", "netmask", "protocol", "ops", "service",
            "httpmethod", "virtualhost", "monitorfile", "servicename", "comment", "schedflags", "load");

    private static <T> void set(T value, java.util.function.Consumer<T> to) {
        if (value != null) {
            to.accept(value);
        }
    }

    /** A quoted program, run with the config file appended; words inside the quotes are its arguments. */
    private void callback(Line l) {
        String inner = values.quoted(l, "callback needs a program, e.g. callback=\"/usr/local/bin/x\"");
        if (inner == null) {
            return;
        }
        try {
            List<String> argv = Words.split(inner);
            if (argv.isEmpty()) {
                problems.error(l.pos(), "callback needs a program, e.g. callback=\"/usr/local/bin/x\"");
                return;
            }
            g.callback = inner;
            g.callbackArgv = argv;
        } catch (IllegalArgumentException e) {
            problems.error(l.pos(), "callback: " + e.getMessage());
        }
    }
}
