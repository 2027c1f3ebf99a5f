package lvsd.manual;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import lvsd.cli.Main;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

class CommandPageTest {

    /** The macros the generators write; any other line starting with '.' or '\'' would be a stray request. */
    static final Set<String> MACROS = Set.of(".\\\"", ".TH", ".SH", ".SS", ".PP", ".TP", ".br", ".IP", ".RS", ".RE",
            ".nf", ".fi");

    static void assertCleanRoff(String page) {
        for (String line : page.split("\n")) {
            if (line.startsWith(".") || line.startsWith("'")) {
                assertThat(MACROS).as("request in line [%s]", line).contains(line.split(" ", 2)[0]);
            }
            assertThat(line.chars().allMatch(c -> c < 0x80)).as("ASCII only: [%s]", line).isTrue();
        }
    }

    @Command(name = "tool", mixinStandardHelpOptions = true, description = "Does things.%nIn two lines.",
            subcommands = {Sub.class, Hidden.class})
    static final class Tool implements Runnable {
        @Option(names = {"-q", "--quiet"}, description = "say less")
        boolean quiet;

        @Override
        public void run() {
        }
    }

    @Command(name = "sub", aliases = "s", description = "A sub-command.", subcommands = Nested.class,
            exitCodeList = {"0:fine", "3:not running"})
    static final class Sub implements Runnable {
        @Option(names = "--level", paramLabel = "N", defaultValue = "5", description = "how much (default ${DEFAULT-VALUE})")
        int level;

        @Option(names = "--secret-hook", hidden = true, description = "test aid")
        boolean hook;

        @Parameters(paramLabel = "FILE", description = "the file")
        String file;

        @Override
        public void run() {
        }
    }

    @Command(name = "deeper", description = "Nested one level more.")
    static final class Nested implements Runnable {
        @Option(names = "--x.y", description = "a .dotted name, a back\\slash, 5 \u2265 3")
        boolean xy;

        @Override
        public void run() {
        }
    }

    @Command(name = "internal", hidden = true, description = "Not for users.")
    static final class Hidden implements Runnable {
        @Override
        public void run() {
        }
    }

    private static String page() {
        return CommandPage.render(new CommandLine(new Tool()), "1.2.3", "2026-12-02", List.of("tool.cf(5)"),
                Map.of("FILES", ".TP\n/etc/tool\nits file\n"));
    }

    @Test
    void everyVisibleCommandAndOptionIsInThePageAndHiddenOnesAreNot() {
        String p = page();
        assertThat(p).startsWith(".\\\" Generated").contains(".TH \"TOOL\" 8 \"2026-12-02\" \"tool 1.2.3\"");
        assertThat(p).contains(".SH NAME\ntool \\- Does things.\n.SH");
        assertThat(p).contains(".SS \"tool sub\"", ".SS \"tool sub deeper\"", "Also: \\fBs\\fR.");
        assertThat(p).contains("\\fB\\-q\\fR, \\fB\\-\\-quiet\\fR\nsay less");
        assertThat(p).contains("\\fB\\-\\-level\\fR=\\fIN\\fR\nhow much (default 5)");
        assertThat(p).contains(".TP\n\\fIFILE\\fR\nthe file");
        assertThat(p).contains("\\fBtool sub\\fR [\\-\\-level=N] FILE");
        assertThat(p).doesNotContain("internal", "secret", "test aid");
        assertThat(p).contains(".SH \"EXIT STATUS\"", ".TP\n\\fB3\\fR\nnot running");
        assertThat(p).contains(".SH \"FILES\"\n.TP\n/etc/tool", ".SH \"SEE ALSO\"\n\\fBtool.cf\\fR(5)");
        // %n splits a description into source lines; a description entry never yields a blank line
        assertThat(p).contains("Does things.\nIn two lines.").doesNotContain("\n\n");
        assertThat(p).contains("\\fB\\-\\-x.y\\fR\na .dotted name, a back\\eslash, 5 \\(>= 3");
        assertCleanRoff(p);
    }

    @Test
    void lvsdsPageHasEveryVisibleSubcommandAndOptionOfTheModel() {
        CommandLine cl = new CommandLine(new Main());
        String p = CommandPage.render(cl, "0.0.0", "2026-12-02", List.of(), Map.of());
        List<CommandSpec> subs = CommandPage.visibleSubcommands(cl.getCommandSpec());
        assertThat(subs).extracting(CommandSpec::name).contains("run", "reload", "status", "check-config", "plan", "ipvs",
                "save", "restore");
        assertThat(subs).extracting(CommandSpec::name).doesNotContain("vrrp-run"); // hidden: a testing aid
        for (CommandSpec s : subs) {
            String section = p.substring(p.indexOf(".SS \"" + Roff.literal(s.qualifiedName()) + "\"\n"));
            int next = section.indexOf("\n.SS ", 1);
            String body = next > 0 ? section.substring(0, next) : section;
            for (OptionSpec o : s.options()) {
                if (!o.hidden()) {
                    assertThat(body).as("%s %s", s.qualifiedName(), o.longestName()).contains(Roff.bold(Roff.literal(o.longestName())));
                }
            }
        }
        assertCleanRoff(p);
    }
}
