package lvsd.manual;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A man page from one of lvsd's Markdown documents (docs/config.md becomes lvsd.cf(5)), so the page and the
 * document cannot drift apart. It reads the subset the docs use: headings (# is the page title, ## a section,
 * ### a sub-section), paragraphs, bullet and numbered lists with indented continuation lines, indented and
 * fenced code blocks, tables, HTML comments (dropped), and inline code, bold, emphasis and links. A table
 * becomes a tagged list (the first cell tags each row, the other cells follow as "Header: text"), which reads
 * better at 80 columns than a four-column tbl table of long cells. Sections can be left out by title (the
 * Java API, say); naming one that does not exist is an error, so a renamed heading is noticed.
 */
public final class MarkdownPage {

    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern BULLET = Pattern.compile("^([*+-]|\\d+[.)])\\s+(.*)$");
    private static final Pattern TABLE_RULE = Pattern.compile("^\\|?\\s*:?-{3,}:?\\s*(\\|\\s*:?-{3,}:?\\s*)*\\|?\\s*$");
    private static final Pattern NUMBER = Pattern.compile("^\\d+(\\.\\d+)*\\.?\\s+");

    private final StringBuilder out = new StringBuilder();
    private final List<String> lines;
    private int i;

    private MarkdownPage(List<String> lines) {
        this.lines = lines;
    }

    /**
     * @param markdown the document
     * @param name the page name, e.g. "lvsd.cf"
     * @param section the manual section, e.g. 5
     * @param source the footer's source, e.g. "lvsd 0.1.0"
     * @param date YYYY-MM-DD
     * @param omit titles of ## / ### sections to leave out (without their numbers, any case)
     * @throws IllegalArgumentException when an omitted title names no section, or there is no # title
     */
    public static String render(String markdown, String name, int section, String source, String date,
            Set<String> omit) {
        List<String> lines = new ArrayList<>(List.of(stripComments(markdown).split("\r?\n", -1)));
        lines = omitSections(lines, omit);
        MarkdownPage p = new MarkdownPage(lines);
        p.page(name, section, source, date);
        return p.out.toString();
    }

    private static String stripComments(String md) {
        return md.replaceAll("(?s)<!--.*?-->", "");
    }

    private static String bareTitle(String title) {
        return NUMBER.matcher(title.strip()).replaceFirst("").toLowerCase(Locale.ROOT);
    }

    private static List<String> omitSections(List<String> lines, Set<String> omit) {
        Set<String> wanted = new LinkedHashSet<>();
        for (String o : omit) {
            wanted.add(o.strip().toLowerCase(Locale.ROOT));
        }
        Set<String> found = new LinkedHashSet<>();
        List<String> kept = new ArrayList<>();
        int skippingLevel = 0; // the heading level being skipped, 0 = none
        boolean fenced = false;
        for (String l : lines) {
            if (l.startsWith("```")) {
                fenced = !fenced;
            }
            Matcher h = fenced ? null : HEADING.matcher(l);
            if (h != null && h.matches()) {
                int level = h.group(1).length();
                if (skippingLevel > 0 && level <= skippingLevel) {
                    skippingLevel = 0;
                }
                String t = bareTitle(h.group(2));
                if (skippingLevel == 0 && level >= 2 && wanted.contains(t)) {
                    found.add(t);
                    skippingLevel = level;
                }
            }
            if (skippingLevel == 0) {
                kept.add(l);
            }
        }
        wanted.removeAll(found);
        if (!wanted.isEmpty()) {
            throw new IllegalArgumentException("no section titled " + String.join(", ", wanted));
        }
        return kept;
    }

    private void page(String name, int section, String source, String date) {
        String title = null;
        while (i < lines.size() && title == null) {
            Matcher h = HEADING.matcher(lines.get(i++));
            if (h.matches() && h.group(1).length() == 1) {
                title = h.group(2);
            }
        }
        if (title == null) {
            throw new IllegalArgumentException("the document has no # title");
        }
        raw(".\\\" Generated from lvsd's Markdown documentation by lvsd.manual.Generate; do not edit.");
        raw(".TH " + Roff.quoted(Roff.literal(name.toUpperCase(Locale.ROOT))) + " " + section + " "
                + Roff.quoted(date) + " " + Roff.quoted(Roff.text(source)) + " "
                + Roff.quoted(section == 5 ? "File Formats" : "lvsd"));
        raw(".SH NAME");
        raw(Roff.line(Roff.literal(name) + " \\- " + inline(title)));
        raw(".SH DESCRIPTION");
        blocks();
    }

    private void blocks() {
        while (i < lines.size()) {
            String l = lines.get(i);
            if (l.isBlank()) {
                i++;
                continue;
            }
            Matcher h = HEADING.matcher(l);
            if (h.matches()) {
                i++;
                int level = h.group(1).length();
                String t = inline(h.group(2));
                if (level <= 2) {
                    raw(".SH " + Roff.quoted(t)); // as written: upper-casing would also change literals
                } else {
                    raw(".SS " + Roff.quoted(t));
                }
            } else if (l.startsWith("```")) {
                fenced();
            } else if (l.startsWith("    ") || l.startsWith("\t")) {
                indentedCode();
            } else if (l.stripLeading().startsWith("|") && i + 1 < lines.size()
                    && TABLE_RULE.matcher(lines.get(i + 1).strip()).matches()) {
                table();
            } else if (BULLET.matcher(l).matches()) {
                list();
            } else {
                paragraph();
            }
        }
    }

    private void paragraph() {
        raw(".PP");
        while (i < lines.size() && !lines.get(i).isBlank() && !startsBlock(lines.get(i))) {
            raw(Roff.line(inline(lines.get(i).strip())));
            i++;
        }
    }

    private boolean startsBlock(String l) {
        return HEADING.matcher(l).matches() || l.startsWith("```") || BULLET.matcher(l).matches()
                || (l.stripLeading().startsWith("|") && i + 1 < lines.size()
                        && TABLE_RULE.matcher(lines.get(i + 1).strip()).matches());
    }

    private void list() {
        while (i < lines.size()) {
            Matcher b = BULLET.matcher(lines.get(i));
            if (!b.matches()) {
                break;
            }
            boolean numbered = b.group(1).matches("\\d+[.)]");
            raw(".IP " + (numbered ? b.group(1) + " 4" : "\\(bu 2"));
            raw(Roff.line(inline(b.group(2).strip())));
            i++;
            // continuation lines: indented, not blank
            while (i < lines.size() && !lines.get(i).isBlank() && !BULLET.matcher(lines.get(i)).matches()
                    && (lines.get(i).startsWith(" ") || lines.get(i).startsWith("\t"))) {
                raw(Roff.line(inline(lines.get(i).strip())));
                i++;
            }
            // a blank line between items keeps the list going
            if (i + 1 < lines.size() && lines.get(i).isBlank() && BULLET.matcher(lines.get(i + 1)).matches()) {
                i++;
            }
        }
        // whatever follows starts with its own macro (.PP, .SH, .TP, ...), which ends the list
    }

    private void fenced() {
        i++;
        List<String> code = new ArrayList<>();
        while (i < lines.size() && !lines.get(i).startsWith("```")) {
            code.add(lines.get(i++));
        }
        i++; // the closing fence
        verbatim(code);
    }

    private void indentedCode() {
        List<String> code = new ArrayList<>();
        while (i < lines.size() && (lines.get(i).isBlank() || lines.get(i).startsWith("    ")
                || lines.get(i).startsWith("\t"))) {
            String l = lines.get(i++);
            code.add(l.startsWith("\t") ? l.substring(1) : l.length() >= 4 ? l.substring(4) : "");
        }
        while (!code.isEmpty() && code.get(code.size() - 1).isBlank()) {
            code.remove(code.size() - 1);
        }
        verbatim(code);
    }

    private void verbatim(List<String> code) {
        raw(".PP");
        raw(".RS 4");
        raw(".nf");
        for (String c : code) {
            String e = Roff.literal(c);
            raw(e.startsWith(".") || e.startsWith("'") ? "\\&" + e : e);
        }
        raw(".fi");
        raw(".RE");
    }

    private void table() {
        List<String> header = cells(lines.get(i));
        i += 2;
        List<List<String>> rows = new ArrayList<>();
        while (i < lines.size() && lines.get(i).stripLeading().startsWith("|")) {
            rows.add(cells(lines.get(i++)));
        }
        for (List<String> row : rows) {
            raw(".TP");
            raw(Roff.line(row.isEmpty() ? "" : inline(row.get(0))));
            boolean first = true;
            for (int c = 1; c < row.size(); c++) {
                String cell = row.get(c).strip();
                if (cell.isEmpty()) {
                    continue;
                }
                if (!first) {
                    raw(".br");
                }
                first = false;
                String head = c < header.size() ? header.get(c).strip() : "";
                raw(Roff.line((head.isEmpty() ? "" : Roff.italic(inline(head)) + ": ") + inline(cell)));
            }
            if (first) {
                raw("\\&");
            }
        }
    }

    /** A table row's cells: split on '|' outside code spans and not escaped as '\|'. */
    static List<String> cells(String row) {
        String r = row.strip();
        if (r.startsWith("|")) {
            r = r.substring(1);
        }
        if (r.endsWith("|") && !r.endsWith("\\|")) {
            r = r.substring(0, r.length() - 1);
        }
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean code = false;
        for (int k = 0; k < r.length(); k++) {
            char ch = r.charAt(k);
            if (ch == '\\' && k + 1 < r.length() && r.charAt(k + 1) == '|') {
                cell.append('|');
                k++;
            } else if (ch == '`') {
                code = !code;
                cell.append(ch);
            } else if (ch == '|' && !code) {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        cells.add(cell.toString().strip());
        return cells;
    }

    /** Inline Markdown to escaped roff: `code` and **strong** bold, *emphasis* italic, [text](url) as text. */
    static String inline(String s) {
        StringBuilder b = new StringBuilder();
        StringBuilder plain = new StringBuilder();
        int k = 0;
        while (k < s.length()) {
            char ch = s.charAt(k);
            if (ch == '`') {
                int end = s.indexOf('`', k + 1);
                if (end > k) {
                    b.append(emphasis(plain.toString()));
                    plain.setLength(0);
                    String code = Roff.literal(s.substring(k + 1, end));
                    // blanks that matter (`    `, `a  b`) must not be merged or dropped by filling
                    if (code.contains("  ") || code.startsWith(" ") || code.endsWith(" ")) {
                        code = code.replace(" ", "\\ ");
                    }
                    b.append(Roff.bold(code));
                    k = end + 1;
                    continue;
                }
            }
            plain.append(ch);
            k++;
        }
        b.append(emphasis(plain.toString()));
        return b.toString();
    }

    private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)]\\(([^)\\s]+)\\)");
    private static final Pattern STRONG = Pattern.compile("\\*\\*(\\S(?:.*?\\S)?)\\*\\*");
    private static final Pattern EM = Pattern.compile("(?<![\\w*])[*_](\\S(?:[^*_]*?\\S)?)[*_](?![\\w*])");

    private static String emphasis(String s) {
        String t = Roff.text(s);
        t = LINK.matcher(t).replaceAll(m -> Matcher.quoteReplacement(
                m.group(1).equals(m.group(2)) ? m.group(1) : m.group(1) + " (" + m.group(2) + ")"));
        t = STRONG.matcher(t).replaceAll("\\\\fB$1\\\\fR");
        t = EM.matcher(t).replaceAll("\\\\fI$1\\\\fR");
        return t;
    }

    private void raw(String line) {
        out.append(line).append('\n');
    }
}
