package lvsd.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits ldirectord.cf into global lines and blocks, following ldirectord's layout rules (see docs/config.md):
 * a block opens with a column-0 {@code virtual=}/{@code virtual6=} (or another kind in {@link #BLOCK_KINDS}) and
 * holds the following lines indented by at least 4 columns, a tab counting as 4; lines whose first non-blank
 * character is '#' are comments and do not end a block; a blank line or a column-0 line ends it. A '#' outside
 * double quotes starts a comment.
 */
final class ConfigLexer {

    /** Keywords that open a block. Adding a block kind is one entry here. */
    static final Map<String, Lexed.BlockKind> BLOCK_KINDS = Map.of(
            "virtual", Lexed.BlockKind.VIRTUAL,
            "virtual6", Lexed.BlockKind.VIRTUAL,
            "vrrp_instance", Lexed.BlockKind.RAW,
            "vrrp_script", Lexed.BlockKind.RAW,
            "vrrp_sync_group", Lexed.BlockKind.RAW);

    private static final Pattern KEY_VALUE = Pattern.compile("([A-Za-z][A-Za-z0-9_-]*)\\s*(?:(=)\\s*(.*))?");

    private final String file;
    private final Problems problems;

    ConfigLexer(String file, Problems problems) {
        this.file = file;
        this.problems = problems;
    }

    List<Lexed> lex(List<String> lines) {
        List<Lexed> out = new ArrayList<>();
        Line header = null;
        Lexed.BlockKind kind = null;
        List<Line> body = new ArrayList<>();
        SourcePos blankAfterBlock = null; // a blank line that ended a block: explains a following indented line
        SourcePos lastHeader = null;
        boolean crSeen = false;
        for (int i = 0; i < lines.size(); i++) {
            SourcePos pos = new SourcePos(file, i + 1);
            String raw = lines.get(i);
            boolean cr = raw.endsWith("\r");
            if (cr) {
                raw = raw.substring(0, raw.length() - 1);
                if (!crSeen && !raw.isBlank()) {
                    crSeen = true;
                    problems.warn(pos, "the file has DOS line endings (CR LF), first here: lvsd ignores the CR;"
                            + " ldirectord keeps it at the end of every value, which it ignores in numbers and"
                            + " addresses but not in yes/no values, netmask, emailalertstatus or unquoted commands"
                            + " (convert the file with dos2unix)");
                }
            }
            if (raw.isBlank()) {
                if (header != null) {
                    out.add(new Lexed.Block(kind, header, body));
                    header = null;
                    blankAfterBlock = pos;
                }
                continue;
            }
            int indent = indentColumns(raw);
            String rest = raw.strip();
            if (rest.startsWith("#")) {
                continue; // ldirectord skips these everywhere, also inside a block
            }
            String content = stripComment(rest, pos, indent >= 4);
            String ldValue = ldirectordValue(raw + (cr ? "\r" : ""), indent >= 4);
            boolean commentCut = content.length() < rest.stripTrailing().length();
            if (content.isEmpty()) {
                continue;
            }
            if (indent >= 4) {
                Line line = split(content, pos, ldValue);
                if (line == null) {
                    continue;
                }
                if (header != null) {
                    body.add(line);
                } else if (blankAfterBlock != null) {
                    problems.error(pos, "indented line \"" + content + "\" is outside any block: the blank line at"
                            + " line " + blankAfterBlock.line() + " ended the block opened at line "
                            + lastHeader.line() + " (ldirectord ends a block at a blank line; remove the blank line"
                            + " or comment it with #)");
                } else {
                    problems.error(pos, "indented line \"" + content + "\" is outside any block: global directives"
                            + " start in column 0, and indented lines belong to a virtual= block");
                }
                continue;
            }
            if (indent > 0) {
                problems.error(pos, "line is indented by " + indent + " column" + (indent == 1 ? "" : "s")
                        + ": lines of a block need at least 4 spaces or a tab, global directives start in column 0");
                continue;
            }
            if (header != null) {
                out.add(new Lexed.Block(kind, header, body));
                header = null;
            }
            blankAfterBlock = null;
            Line line = split(content, pos, ldValue);
            if (line == null) {
                continue;
            }
            Lexed.BlockKind k = BLOCK_KINDS.get(line.key());
            if (k != null && line.hasEquals()) {
                header = line;
                kind = k;
                body = new ArrayList<>();
                lastHeader = pos;
            } else {
                if (commentCut) {
                    problems.warn(pos, "comment after a global directive: lvsd ignores it, but ldirectord reads it as"
                            + " part of the value (and rejects, e.g., quiescent=yes # comment)");
                }
                out.add(new Lexed.Global(line));
            }
        }
        if (header != null) {
            out.add(new Lexed.Block(kind, header, body));
        }
        return out;
    }

    /** Leading columns, each tab counting as 4 (ldirectord replaces every tab by 4 spaces). */
    static int indentColumns(String raw) {
        int cols = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == ' ') {
                cols++;
            } else if (c == '\t') {
                cols += 4;
            } else {
                break;
            }
        }
        return cols;
    }

    /**
     * The value of a directive line as ldirectord reads it: in a block line everything from the first '#' on is
     * cut (also inside quotes) and tabs become 4 spaces; a global line is kept whole, comment and all. Trailing
     * blanks and a CR stay. Empty if the line has no '='.
     */
    static String ldirectordValue(String raw, boolean block) {
        String s = raw;
        if (block) {
            int hash = s.indexOf('#');
            s = (hash >= 0 ? s.substring(0, hash) : s).replace("\t", "    ");
        }
        int eq = s.indexOf('=');
        if (eq < 0) {
            return "";
        }
        int i = eq + 1;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return s.substring(i);
    }

    /** Cuts a '#' comment that is outside double quotes; trailing blanks go too. */
    private String stripComment(String s, SourcePos pos, boolean block) {
        boolean quoted = false;
        boolean hashInQuotes = false;
        boolean tabInQuotes = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\t' && quoted) {
                tabInQuotes = true;
            } else if (c == '#') {
                if (!quoted) {
                    if (i > 0 && !Character.isWhitespace(s.charAt(i - 1))) {
                        problems.warn(pos, "text from '#' on is a comment (\"" + s.substring(i)
                                + "\"); quote the value if the '#' belongs to it");
                    }
                    return s.substring(0, i).stripTrailing();
                }
                hashInQuotes = true;
            }
        }
        if (tabInQuotes && block) {
            problems.warn(pos, "a tab inside quotes is kept by lvsd, but ldirectord turns every tab of a block line"
                    + " into 4 spaces, also inside quotes (write \\t in a receive regex)");
        }
        if (hashInQuotes && block) {
            problems.warn(pos, "'#' inside quotes is kept by lvsd, but ldirectord cuts a block line at any '#' and"
                    + " reads \"" + s.substring(0, s.indexOf('#')).stripTrailing() + "\" (which it rejects or"
                    + " misreads): ldirectord cannot read this value");
        }
        return s.stripTrailing();
    }

    private Line split(String content, SourcePos pos, String ldValue) {
        Matcher m = KEY_VALUE.matcher(content);
        if (!m.matches()) {
            problems.error(pos, "cannot read \"" + content + "\": expected a directive of the form key=value");
            return null;
        }
        boolean eq = m.group(2) != null;
        String value = eq ? m.group(3).strip() : "";
        Line line = new Line(m.group(1), value, eq, pos, eq ? ldValue : "");
        if (eq) {
            ldirectordTail(line);
        }
        return line;
    }

    /** Values ldirectord matches whole (anchored or compared): a trailing blank or CR makes it reject the line. */
    private static final java.util.Set<String> EXACT = java.util.Set.of("netmask", "emailalertstatus");
    /** Free-text values ldirectord takes to the end of the line: a CR stays part of them. */
    private static final java.util.Set<String> FREE_TEXT = java.util.Set.of("checkcommand", "fallbackcommand",
            "virtualhost", "emailalert", "emailalertfrom", "maintenancedir", "execute", "monitorfile");

    /**
     * Warns where the blanks or CR that lvsd drops from the end of a value change ldirectord's reading (the
     * yes/no directives are checked where they are read, see {@link Values#yesNo}).
     */
    private void ldirectordTail(Line l) {
        String ld = l.ldValue();
        if (ld.equals(l.value()) || ld.contains("#")) {
            return;
        }
        if (EXACT.contains(l.key())) {
            problems.warn(l.pos(), l.key() + ": lvsd reads \"" + l.value() + "\", but ldirectord would reject \""
                    + Values.visible(ld) + "\" (" + (ld.endsWith("\r") ? "the CR of a DOS line ending" : "trailing"
                    + " blanks") + " are part of it)");
        } else if (FREE_TEXT.contains(l.key()) && ld.endsWith("\r") && !l.value().startsWith("\"")) {
            problems.warn(l.pos(), l.key() + ": lvsd reads \"" + l.value() + "\", but ldirectord keeps the CR of the"
                    + " DOS line ending in the value (\"" + Values.visible(ld) + "\": a command or name that does not"
                    + " work)");
        }
    }
}
