package lvsd.control;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lvsd.status.ReloadOutcome;

/**
 * The control socket's protocol (docs/daemon.md, "Control socket"): one request per connection, one response,
 * then the daemon closes. A request is one line: a bare command word ({@code status}, handy with socat) or
 * {@code {"command":"status"}}. A response is one JSON object: {@code "ok"}, {@code "command"}, then the
 * command's members, or {@code "ok":false} and {@code "error"}. Documents the daemon already renders (the
 * status snapshot, the config dump) are embedded as they are, not parsed and written again.
 */
public final class ControlProtocol {
    private ControlProtocol() {}

    /** A request longer than this is refused: the commands are single words. */
    public static final int MAX_REQUEST_BYTES = 4096;

    /** What a client can ask. */
    public enum Command {
        /** The status snapshot (the same document as the status file). */
        STATUS,
        /** Re-read the config; answered with the reload's outcome once it is known. */
        RELOAD,
        /** The status snapshot and the config in force, as {@code check-config --dump} prints it. */
        DUMP,
        /** Every check: target, kind, last result and latency, since when. */
        CHECKS;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The request line for {@code command}, newline included. */
    public static String request(Command command) {
        return "{\"command\":\"" + command.word() + "\"}\n";
    }

    /** Parses a request line; IllegalArgumentException saying why when it is not one. */
    public static Command parseRequest(String line) {
        String s = line.strip();
        String word = s;
        if (s.startsWith("{")) {
            Object command;
            try {
                command = JSON.std.mapFrom(s).get("command");
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("not a JSON object: " + e.getMessage());
            }
            if (!(command instanceof String c)) {
                throw new IllegalArgumentException("the request has no \"command\" string");
            }
            word = c;
        }
        for (Command c : Command.values()) {
            if (c.word().equals(word)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown command \"" + shorten(word) + "\" (status, reload, dump or checks)");
    }

    /** A successful response whose members are already JSON text, in order: name → JSON value. */
    public static String ok(Command command, Map<String, String> members) {
        StringBuilder b = new StringBuilder("{\"ok\":true,\"command\":\"").append(command.word()).append('"');
        for (Map.Entry<String, String> m : members.entrySet()) {
            b.append(",\"").append(m.getKey()).append("\":").append(m.getValue().strip());
        }
        return b.append("}\n").toString();
    }

    /** The reload member of a reload response. */
    public static String reloadJson(ReloadOutcome r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("outcome", r.applied() ? "applied" : "rejected");
        m.put("generation", r.generation());
        m.put("status", r.status());
        m.put("details", r.details());
        return json(m);
    }

    /** A failed response. */
    public static String error(String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", false);
        m.put("error", message);
        return json(m) + "\n";
    }

    /** A response as the client reads it. */
    public record Response(boolean ok, String error, Map<String, Object> members) {
        /** The reload member of a reload response. */
        public ReloadOutcome reload() {
            Object o = members.get("reload");
            if (!(o instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException("the response has no reload outcome");
            }
            List<String> details = new ArrayList<>();
            if (m.get("details") instanceof List<?> l) {
                l.forEach(e -> details.add(String.valueOf(e)));
            }
            return new ReloadOutcome("applied".equals(m.get("outcome")),
                    m.get("generation") instanceof Number n ? n.longValue() : 0, String.valueOf(m.get("status")),
                    details);
        }
    }

    /** Parses a response; IllegalArgumentException when it is not one. */
    public static Response parseResponse(String text) {
        Map<String, Object> m;
        try {
            m = JSON.std.mapFrom(text);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a control response: " + e.getMessage());
        }
        if (m == null || !(m.get("ok") instanceof Boolean ok)) {
            throw new IllegalArgumentException("not a control response: no \"ok\"");
        }
        return new Response(ok, m.get("error") == null ? "" : String.valueOf(m.get("error")), m);
    }

    /** One member of a response as JSON text (to hand it on, e.g. to the status codec). */
    public static String member(String responseText, String name) {
        Object v = parseResponse(responseText).members().get(name);
        return v == null ? "null" : json(v);
    }

    static String json(Object value) {
        try {
            return JSON.std.asString(value);
        } catch (IOException e) {
            throw new IllegalStateException("maps, lists and scalars always serialise", e);
        }
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
