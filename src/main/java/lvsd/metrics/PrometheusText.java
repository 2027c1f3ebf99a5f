package lvsd.metrics;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Writes the Prometheus text exposition format (version 0.0.4): {@code # HELP} and {@code # TYPE} once per
 * family, then one sample per line, label values escaped. Small enough that a client library would cost more
 * (start-up time, jar size, a second HTTP server) than it saves.
 */
public final class PrometheusText {

    public enum Type {
        COUNTER("counter"), GAUGE("gauge");

        private final String text;

        Type(String text) {
            this.text = text;
        }
    }

    private final StringBuilder out = new StringBuilder(4096);
    private final Set<String> declared = new LinkedHashSet<>();

    /** Declares a family once; later calls with the same name are ignored. */
    public PrometheusText family(String name, Type type, String help) {
        checkName(name);
        if (declared.add(name)) {
            out.append("# HELP ").append(name).append(' ').append(escapeHelp(help)).append('\n');
            out.append("# TYPE ").append(name).append(' ').append(type.text).append('\n');
        }
        return this;
    }

    /** A sample; {@code labels} alternate names and values: {@code "virtual", "tcp/10.0.0.1:80"}. */
    public PrometheusText sample(String name, double value, String... labels) {
        if (labels.length % 2 != 0) {
            throw new IllegalArgumentException("labels come in name/value pairs");
        }
        out.append(name);
        if (labels.length > 0) {
            out.append('{');
            for (int i = 0; i < labels.length; i += 2) {
                if (i > 0) {
                    out.append(',');
                }
                checkName(labels[i]);
                out.append(labels[i]).append("=\"").append(escapeLabel(labels[i + 1])).append('"');
            }
            out.append('}');
        }
        out.append(' ').append(format(value)).append('\n');
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    static String escapeLabel(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String escapeHelp(String s) {
        return s.replace("\\", "\\\\").replace("\n", "\\n");
    }

    private static void checkName(String name) {
        if (!name.matches("[a-zA-Z_:][a-zA-Z0-9_:]*")) {
            throw new IllegalArgumentException("not a Prometheus name: " + name);
        }
    }
}
