package lvsd.manual;

import java.util.Map;

/**
 * Escaping for man(7) roff source. Output is plain ASCII: a backslash becomes {@code \e}, a hyphen in literal
 * text {@code \-}, and characters outside ASCII become groff's named glyphs (or {@code \[uXXXX]}), so the pages
 * render the same whatever input encoding man and groff assume.
 */
final class Roff {

    private static final Map<Integer, String> GLYPHS = Map.ofEntries(
            Map.entry(0x2265, "\\(>="), Map.entry(0x2264, "\\(<="), Map.entry(0x2192, "\\(->"),
            Map.entry(0x2190, "\\(<-"), Map.entry(0x2194, "\\(<>"), Map.entry(0x2013, "\\(en"),
            Map.entry(0x2014, "\\(em"), Map.entry(0x2026, "..."), Map.entry(0x00a7, "\\(sc"),
            Map.entry(0x00d7, "\\(mu"), Map.entry(0x2018, "\\(oq"), Map.entry(0x2019, "\\(cq"),
            Map.entry(0x201c, "\\(lq"), Map.entry(0x201d, "\\(rq"), Map.entry(0x00a0, "\\ "),
            Map.entry(0x2260, "\\(!="), Map.entry(0x00b1, "\\(+-"));

    private Roff() {
    }

    /** Text in running prose: backslashes and non-ASCII escaped; hyphens left as hyphens. */
    static String text(String s) {
        return escape(s, false);
    }

    /** Literal text (option names, commands, file names, code): also every hyphen as {@code \-}. */
    static String literal(String s) {
        return escape(s, true);
    }

    private static String escape(String s, boolean literal) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        s.codePoints().forEach(c -> {
            if (c == '\\') {
                b.append("\\e");
            } else if (c == '-' && literal) {
                b.append("\\-");
            } else if (c == '\t') {
                b.append("    ");
            } else if (c < 0x80) {
                b.appendCodePoint(c);
            } else {
                String g = GLYPHS.get(c);
                b.append(g != null ? g : String.format("\\[u%04X]", c));
            }
        });
        return b.toString();
    }

    /**
     * One line of filled text as a source line: a leading '.' or '\'' would be read as a request, so it gets a
     * zero-width {@code \&} in front; leading blanks (which would break the fill) are dropped.
     */
    static String line(String escaped) {
        String s = escaped.stripLeading();
        return s.startsWith(".") || s.startsWith("'") ? "\\&" + s : s;
    }

    /** A macro argument in double quotes (quotes inside become {@code \(dq}). */
    static String quoted(String escaped) {
        return "\"" + escaped.replace("\"", "\\(dq") + "\"";
    }

    static String bold(String literal) {
        return "\\fB" + literal + "\\fR";
    }

    static String italic(String literal) {
        return "\\fI" + literal + "\\fR";
    }
}
