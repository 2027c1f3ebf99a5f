package lvsd.config;

/**
 * One significant line after lexing: {@code key} and trimmed {@code value} (quotes kept, comment removed),
 * whether an '=' was present (a bare {@code supervised} has none), and where it came from. {@code ldValue} is
 * the value as ldirectord sees it: with the trailing blanks, a line-ending CR and (on a global line) a comment
 * that lvsd drops; it tells where ldirectord's exact comparisons (yes/no) would fail.
 */
record Line(String key, String value, boolean hasEquals, SourcePos pos, String ldValue) {

    Line(String key, String value, boolean hasEquals, SourcePos pos) {
        this(key, value, hasEquals, pos, value);
    }

    Directive directive() {
        return new Directive(key, value, pos);
    }
}
