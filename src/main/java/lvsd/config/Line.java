package lvsd.config;

/**
 * One significant line after lexing: {@code key} and trimmed {@code value} (quotes kept, comment removed),
 * whether an '=' was present (a bare {@code supervised} has none), and where it came from.
 */
record Line(String key, String value, boolean hasEquals, SourcePos pos) {

    Directive directive() {
        return new Directive(key, value, pos);
    }
}
