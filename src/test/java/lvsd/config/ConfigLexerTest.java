package lvsd.config;

import static lvsd.config.Parsing.messages;
import static lvsd.config.Parsing.ok;
import static lvsd.config.Parsing.only;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ConfigLexerTest {

    @ParameterizedTest(name = "indent {0}")
    @ValueSource(strings = {"\t", "    ", "        ", "  \t", "\t\t", " \t "})
    void aTabOrFourColumnsMakesABlockLine(String indent) {
        VirtualService v = only("virtual=192.0.2.1:80\n" + indent + "real=192.0.2.10 gate\n");
        assertThat(v.reals()).hasSize(1);
    }

    @ParameterizedTest(name = "indent of {0} spaces")
    @ValueSource(ints = {1, 2, 3})
    void fewerThanFourColumnsIsAnError(int spaces) {
        assertThat(messages("virtual=192.0.2.1:80\n" + " ".repeat(spaces) + "real=192.0.2.10 gate\n"))
                .containsExactly("t.cf:2: line is indented by " + spaces + " column" + (spaces == 1 ? "" : "s")
                        + ": lines of a block need at least 4 spaces or a tab, global directives start in column 0");
    }

    @Test
    void tabCountsAsFourColumns() {
        assertThat(ConfigLexer.indentColumns("\t x")).isEqualTo(5);
        assertThat(ConfigLexer.indentColumns("  \tx")).isEqualTo(6);
        assertThat(ConfigLexer.indentColumns("x")).isZero();
    }

    @Test
    void commentLinesAnywhereDoNotEndABlock() {
        VirtualService v = only("""
                virtual=192.0.2.1:80
                # a column-0 comment inside the block
                \treal=192.0.2.10 gate
                \t# an indented comment
                  # an oddly indented comment
                \treal=192.0.2.11 gate
                """);
        assertThat(v.reals()).extracting(r -> r.address().getHostAddress()).containsExactly("192.0.2.10", "192.0.2.11");
    }

    @Test
    void aBlankLineEndsTheBlockAndAFollowingIndentedLineIsExplained() {
        assertThat(messages("virtual=192.0.2.1:80\n\treal=192.0.2.10 gate\n\n\treal=192.0.2.11 gate\n"))
                .containsExactly("t.cf:4: indented line \"real=192.0.2.11 gate\" is outside any block: the blank"
                        + " line at line 3 ended the block opened at line 1 (ldirectord ends a block at a blank line;"
                        + " remove the blank line or comment it with #)");
    }

    @Test
    void whitespaceOnlyLineCountsAsBlank() {
        assertThat(messages("virtual=192.0.2.1:80\n\treal=192.0.2.10 gate\n    \t\n\treal=192.0.2.11 gate\n"))
                .hasSize(1).first().asString().startsWith("t.cf:4: indented line");
    }

    @Test
    void aColumnZeroDirectiveEndsTheBlockAndIsGlobal() {
        Config c = ok("virtual=192.0.2.1:80\n\treal=192.0.2.10 gate\nquiescent=yes\n");
        assertThat(c.globals().quiescent()).isTrue();
        assertThat(c.virtuals().get(0).quiescent()).as("globals apply to earlier blocks too").isTrue();
    }

    @Test
    void trailingCommentIsCutOutsideQuotesAndKeptInside() {
        VirtualService v = only("""
                virtual=192.0.2.1:80 # the web VIP
                \treal=192.0.2.10 gate   # first
                \treceive="a#b"
                """);
        assertThat(v.check().receive()).isEqualTo("a#b");
        assertThat(v.reals()).hasSize(1);
    }

    @Test
    void commentAfterAGlobalIsIgnoredWithACompatibilityWarning() {
        ParseResult r = Parsing.parse("quiescent=yes   # take failed reals to weight 0\n");
        assertThat(r.config().globals().quiescent()).isTrue();
        assertThat(r.diagnostics()).extracting(Diagnostic::toString).containsExactly("t.cf:1: warning: comment after"
                + " a global directive: lvsd ignores it, but ldirectord reads it as part of the value (and rejects,"
                + " e.g., quiescent=yes # comment)");
    }

    @Test
    void hashGluedToAValueIsCutWithAWarning() {
        assertThat(messages("virtual=192.0.2.1:80\n\treal=192.0.2.10 gate\n\tcheckcommand=/bin/check#x\n"))
                .containsExactly("t.cf:3: warning: text from '#' on is a comment (\"#x\"); quote the value if the"
                        + " '#' belongs to it");
    }

    /** The lexer alone: the VRRP blocks here are incomplete, which only the parser behind it minds. */
    static List<Lexed> lex(String text) {
        Problems problems = new Problems();
        List<Lexed> out = new ConfigLexer("t.cf", problems).lex(text.lines().toList());
        assertThat(problems.sorted()).as("lexer diagnostics").isEmpty();
        return out;
    }

    static List<Lexed.Block> rawBlocks(String text) {
        return lex(text).stream().filter(l -> l instanceof Lexed.Block b && b.kind() == Lexed.BlockKind.RAW)
                .map(l -> (Lexed.Block) l).toList();
    }

    @Test
    void rawBlocksKeepTheirLinesInOrderWithRepeatedKeys() {
        String text = """
                vrrp_sync_group=G1
                \tgroup=VI_1
                vrrp_instance=VI_1
                \tvirtual_ipaddress=192.0.2.100/24
                \tunicast_peer=192.0.2.2
                \tvirtual_ipaddress=192.0.2.101/24
                virtual=192.0.2.1:80
                \treal=192.0.2.10 gate
                vrrp_script=chk
                \tscript="/bin/true"
                """;
        List<Lexed.Block> raw = rawBlocks(text);
        assertThat(raw).extracting(b -> b.header().key(), b -> b.header().value())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("vrrp_sync_group", "G1"),
                        org.assertj.core.groups.Tuple.tuple("vrrp_instance", "VI_1"),
                        org.assertj.core.groups.Tuple.tuple("vrrp_script", "chk"));
        Lexed.Block vi = raw.get(1);
        assertThat(vi.header().pos().line()).isEqualTo(3);
        assertThat(vi.body()).extracting(Line::key, Line::value, l -> l.pos().line())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("virtual_ipaddress", "192.0.2.100/24", 4),
                        org.assertj.core.groups.Tuple.tuple("unicast_peer", "192.0.2.2", 5),
                        org.assertj.core.groups.Tuple.tuple("virtual_ipaddress", "192.0.2.101/24", 6));
        assertThat(raw.get(2).body().get(0).value()).isEqualTo("\"/bin/true\"");
        assertThat(lex(text).stream().filter(l -> l instanceof Lexed.Block b && b.kind() == Lexed.BlockKind.VIRTUAL))
                .hasSize(1);
    }

    @Test
    void aCompleteFileKeepsItsVrrpBlocksAsWrittenForTheDump() {
        Config c = ok("""
                vrrp_instance=VI_1
                \tinterface=eth0
                \tvirtual_router_id=7
                \tvirtual_ipaddress=192.0.2.100/24
                """);
        assertThat(c.extraBlocks()).extracting(RawBlock::kind, RawBlock::name)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("vrrp_instance", "VI_1"));
        assertThat(c.extraBlocks("vrrp_instance").get(0).directives()).extracting(Directive::key)
                .containsExactly("interface", "virtual_router_id", "virtual_ipaddress");
        assertThat(c.vrrp().instances()).extracting(i -> i.vrid()).containsExactly(7);
    }

    @Test
    void everyBlockKeywordIsInTheTable() {
        assertThat(ConfigLexer.BLOCK_KINDS).containsOnlyKeys(
                "virtual", "virtual6", "vrrp_instance", "vrrp_script", "vrrp_sync_group");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "key = value   | key | value",
        "key=value     | key | value",
        "key=  a b  c  | key | a b  c",
        "key=          | key | ''",
        "key-2_x=\"q\" | key-2_x | \"q\"",
    })
    void keyValueSplitting(String line, String key, String value) {
        Line l = rawBlocks("vrrp_instance=X\n\t" + line + "\n").get(0).body().get(0);
        assertThat(List.of(l.key(), l.value())).containsExactly(key, value);
    }

    @Test
    void crlfLineEndingsAreAccepted() {
        VirtualService v = only("virtual=192.0.2.1:80\r\n\treal=192.0.2.10 gate\r\n\tscheduler=rr\r\n");
        assertThat(v.scheduler()).isEqualTo("rr");
    }
}
