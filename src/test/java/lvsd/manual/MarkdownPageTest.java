package lvsd.manual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MarkdownPageTest {

    private static String render(String md, String... omit) {
        return MarkdownPage.render(md, "x.cf", 5, "x 1.0", "2026-12-02", Set.of(omit));
    }

    @Test
    void headingsParagraphsAndTheTitle() {
        String p = render("# x configuration\n\nIntro line one\nline two.\n\n## 1. Layout\n\ntext\n\n### Quoting\n\nmore\n");
        assertThat(p).contains(".TH \"X.CF\" 5 \"2026-12-02\" \"x 1.0\" \"File Formats\"");
        assertThat(p).contains(".SH NAME\nx.cf \\- x configuration\n.SH DESCRIPTION\n.PP\nIntro line one\nline two.\n");
        assertThat(p).contains(".SH \"1. Layout\"\n.PP\ntext\n.SS \"Quoting\"\n.PP\nmore\n");
    }

    @Test
    void inlineCodeStrongEmphasisLinksAndEscapes() {
        String p = render("# t\n\nUse `--dump` on **every** *file*, see [config](config.md); a `\\t` or `    ` and 3 \u2265 1 \u2192 ok.\n"
                + ".starts with a dot\n");
        assertThat(p).contains("Use \\fB\\-\\-dump\\fR on \\fBevery\\fR \\fIfile\\fR, see config (config.md);"
                + " a \\fB\\et\\fR or \\fB\\ \\ \\ \\ \\fR and 3 \\(>= 1 \\(-> ok.\n");
        assertThat(p).contains("\n\\&.starts with a dot\n");
        // a '*' inside code is not emphasis, a lone '*' neither
        assertThat(render("# t\n\nfiles `/run/lvsd@*/x` and a * star\n")).contains("\\fB/run/lvsd@*/x\\fR and a * star");
    }

    @Test
    void listsWithContinuationLinesAndCodeBlocks() {
        String p = render("# t\n\n* one\n  continued\n* two\n\nafter\n\n    lvsd check-config FILE   # exit 0\n    .x\n\n"
                + "```\nfenced\n```\n");
        assertThat(p).contains(".IP \\(bu 2\none\ncontinued\n.IP \\(bu 2\ntwo\n.PP\nafter\n");
        assertThat(p).contains(".nf\nlvsd check\\-config FILE   # exit 0\n\\&.x\n.fi\n");
        assertThat(p).contains(".nf\nfenced\n.fi\n");
    }

    @Test
    void aTableBecomesATaggedListWithTheHeaderNames() {
        String p = render("# t\n\n| Directive | Default | Notes |\n|---|---|---|\n| `rise` | 1 | a \\| b, `x|y` |\n| `drain` | | off |\n");
        assertThat(p).contains(".TP\n\\fBrise\\fR\n\\fIDefault\\fR: 1\n.br\n\\fINotes\\fR: a | b, \\fBx|y\\fR\n");
        assertThat(p).contains(".TP\n\\fBdrain\\fR\n\\fINotes\\fR: off\n");
    }

    @Test
    void omittedSectionsGoWithTheirSubsectionsAndAnUnknownOneIsAnError() {
        String md = "# t\n\n## 1. Keep\n\nk\n\n## 7. Java API\n\napi\n\n### 7.1 More\n\nmore api\n\n## 8. Also kept\n\nz\n";
        String p = render(md, "java api");
        assertThat(p).contains("Keep", "Also kept").doesNotContain("api", "More");
        assertThatThrownBy(() -> render(md, "Jaav API")).hasMessage("no section titled jaav api");
        assertThatThrownBy(() -> render("no title\n")).hasMessage("the document has no # title");
    }

    @Test
    void theConfigDocumentRendersToCleanRoff() throws Exception {
        String md = Files.readString(Path.of("docs/config.md"));
        String p = MarkdownPage.render(md, "lvsd.cf", 5, "lvsd 0", "2026-12-02", Set.of("Java API", "Tests"));
        CommandPageTest.assertCleanRoff(p);
        assertThat(p).contains(".SS \"Quoting\"", "\\fBchecktimeout\\fR").doesNotContain("ConfigParser.parse(path)");
    }
}
