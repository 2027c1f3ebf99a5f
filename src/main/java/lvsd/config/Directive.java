package lvsd.config;

import java.util.Objects;

/** One {@code key=value} line of a configuration file, as written (value trimmed, quotes kept). */
public record Directive(String key, String value, SourcePos pos) {
    public Directive {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(pos, "pos");
    }
}
