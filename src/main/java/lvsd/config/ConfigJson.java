package lvsd.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import lvsd.inet.Addresses;
import lvsd.inet.Family;

/**
 * The normalised model as JSON ({@code lvsd check-config --dump}): every value resolved, keys in a fixed order
 * (documented in docs/config.md), addresses numeric, absent optional values as null, lines as numbers.
 */
public final class ConfigJson {
    private ConfigJson() {}

    /** Two-space indentation, {@code "key": value}, arrays one element per line, empty ones as {@code []}. */
    private static final JSON WRITER;

    static {
        DefaultIndenter indent = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter pretty = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                        .withObjectEmptySeparator("")
                        .withArrayEmptySeparator(""));
        pretty.indentObjectsWith(indent);
        pretty.indentArraysWith(indent);
        WRITER = JSON.std.with(JSON.Feature.WRITE_NULL_PROPERTIES).with(pretty);
    }

    public static String dump(Config c) {
        try {
            return WRITER.asString(tree(c)) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("the config tree holds only maps, lists, strings and numbers", e);
        }
    }

    static Map<String, Object> tree(Config c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", c.file());
        m.put("globals", globals(c.globals()));
        m.put("virtuals", c.virtuals().stream().map(ConfigJson::virtual).toList());
        m.put("extraBlocks", c.extraBlocks().stream().map(ConfigJson::raw).toList());
        return m;
    }

    private static Map<String, Object> globals(GlobalSettings g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("autoreload", g.autoReload());
        m.put("callback", opt(g.callback()));
        m.put("checkcount", g.checkCount());
        m.put("checkinterval", g.checkInterval());
        m.put("checktimeout", opt(g.checkTimeout()));
        m.put("cleanstop", g.cleanStop());
        m.put("drain", g.drainSeconds());
        m.put("emailalert", email(g.emailAlert()));
        m.put("execute", g.execute());
        m.put("failurecount", g.failureCount());
        m.put("fallback", g.fallback().map(ConfigJson::fallback).orElse(null));
        m.put("fallback6", g.fallback6().map(ConfigJson::fallback).orElse(null));
        m.put("fallbackcommand", opt(g.fallbackCommand()));
        m.put("fork", g.fork());
        m.put("logfile", g.logFile());
        m.put("maintenancedir", opt(g.maintenanceDir()));
        m.put("negotiatetimeout", opt(g.negotiateTimeout()));
        m.put("quiescent", g.quiescent());
        m.put("readdquiescent", g.readdQuiescent());
        m.put("reload_guard", g.reloadGuard());
        m.put("rise", g.rise());
        m.put("supervised", g.supervised());
        return m;
    }

    private static Map<String, Object> virtual(VirtualService v) {
        Map<String, Object> m = new LinkedHashMap<>();
        VirtualKey k = v.key();
        m.put("line", v.pos().line());
        m.put("id", k.toString());
        m.put("protocol", k.isFwmark() ? "fwm" : k.protocol().word());
        m.put("family", k.family() == Family.INET ? "inet" : "inet6");
        m.put("address", k.address() == null ? null : Addresses.numeric(k.address()));
        m.put("port", k.isFwmark() ? null : k.port());
        m.put("fwmark", k.isFwmark() ? k.fwmark() : null);
        m.put("scheduler", v.scheduler());
        m.put("persistent", opt(v.persistent()));
        m.put("netmask", opt(v.netmask()));
        m.put("schedflags", opt(v.schedFlags()));
        m.put("ops", v.ops());
        m.put("quiescent", v.quiescent());
        m.put("cleanstop", v.cleanStop());
        m.put("drain", v.drainSeconds());
        m.put("check", check(v.check()));
        m.put("fallback", v.fallback().map(ConfigJson::fallback).orElse(null));
        m.put("fallbackcommand", opt(v.fallbackCommand()));
        m.put("emailalert", email(v.emailAlert()));
        m.put("monitorfile", opt(v.monitorFile()));
        m.put("servicename", opt(v.serviceName()));
        m.put("comment", opt(v.comment()));
        m.put("reals", v.reals().stream().map(ConfigJson::real).toList());
        return m;
    }

    private static Map<String, Object> check(CheckSettings c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("checktype", c.type().word());
        m.put("connectsPerNegotiate", c.connectsPerNegotiate());
        m.put("service", c.service().word());
        m.put("checkport", c.checkPort() == 0 ? null : c.checkPort());
        m.put("request", c.request());
        m.put("receive", c.receive());
        m.put("httpmethod", c.httpMethod());
        m.put("virtualhost", opt(c.virtualHost()));
        m.put("login", c.login());
        m.put("passwd", c.passwd());
        m.put("database", c.database());
        m.put("secret", c.secret());
        m.put("checkcommand", c.checkCommand());
        m.put("checkinterval", c.checkInterval());
        m.put("checktimeout", c.checkTimeout());
        m.put("negotiatetimeout", c.negotiateTimeout());
        m.put("checkcount", c.checkCount());
        m.put("failurecount", c.failureCount());
        m.put("rise", c.rise());
        return m;
    }

    private static Map<String, Object> real(RealServer r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("line", r.pos().line());
        m.put("address", Addresses.numeric(r.address()));
        m.put("port", r.port());
        m.put("forwarding", r.forwarding().word());
        m.put("weight", r.weight());
        m.put("lowerThreshold", r.lowerThreshold());
        m.put("upperThreshold", r.upperThreshold());
        m.put("request", opt(r.request()));
        m.put("receive", opt(r.receive()));
        m.put("checkport", r.checkPort() == 0 ? null : r.checkPort());
        return m;
    }

    private static Map<String, Object> fallback(Fallback f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("line", f.pos().line());
        m.put("address", Addresses.numeric(f.address()));
        m.put("port", f.port());
        m.put("forwarding", f.forwarding().word());
        m.put("weight", f.weight());
        return m;
    }

    private static Map<String, Object> email(EmailAlert e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("recipients", e.recipients());
        m.put("frequency", e.frequency());
        m.put("states", e.states().stream().sorted().map(AlertState::word).toList());
        m.put("smtp", opt(e.smtp()));
        m.put("from", opt(e.from()));
        return m;
    }

    private static Map<String, Object> raw(RawBlock b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("line", b.pos().line());
        m.put("kind", b.kind());
        m.put("name", b.name());
        m.put("directives", b.directives().stream().map(d -> {
            Map<String, Object> dm = new LinkedHashMap<>();
            dm.put("line", d.pos().line());
            dm.put("key", d.key());
            dm.put("value", d.value());
            return dm;
        }).toList());
        return m;
    }

    private static Object opt(Optional<String> o) {
        return o.orElse(null);
    }

    private static Object opt(OptionalInt o) {
        return o.isPresent() ? o.getAsInt() : null;
    }
}
