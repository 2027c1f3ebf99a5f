package lvsd.manual;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The command's man page (section 8), written as roff straight from picocli's command model: the root
 * command's synopsis, description and options, then one sub-section per sub-command, nested ones included,
 * each with its synopsis, description, options and parameters, all as the model has them at build time.
 * Hidden commands and options (test aids) are left out, as {@code --help} leaves them out.
 */
public final class CommandPage {

    private final StringBuilder out = new StringBuilder();

    private CommandPage() {
    }

    /**
     * @param root the root command line
     * @param version shown in the page footer, e.g. "0.1.0"
     * @param date shown in the page footer, YYYY-MM-DD
     * @param seeAlso cross references for SEE ALSO, e.g. "lvsd.cf(5)"
     * @param extraSections title to roff body of fixed sections appended after COMMANDS (FILES, ...)
     */
    public static String render(CommandLine root, String version, String date, List<String> seeAlso,
            Map<String, String> extraSections) {
        CommandPage p = new CommandPage();
        p.page(root.getCommandSpec(), version, date, seeAlso, extraSections);
        return p.out.toString();
    }

    /** Every visible command below {@code spec}, depth first, each once (aliases point to the same one). */
    public static List<CommandSpec> visibleSubcommands(CommandSpec spec) {
        List<CommandSpec> all = new ArrayList<>();
        collect(spec, all, Collections.newSetFromMap(new IdentityHashMap<>()));
        return all;
    }

    private static void collect(CommandSpec spec, List<CommandSpec> all, Set<CommandSpec> seen) {
        for (CommandLine sub : spec.subcommands().values()) {
            CommandSpec s = sub.getCommandSpec();
            if (s.usageMessage().hidden() || !seen.add(s)) {
                continue;
            }
            all.add(s);
            collect(s, all, seen);
        }
    }

    private void page(CommandSpec root, String version, String date, List<String> seeAlso,
            Map<String, String> extraSections) {
        String name = root.name();
        raw(".\\\" Generated from lvsd's picocli command model by lvsd.manual.Generate; do not edit.");
        raw(".TH " + Roff.quoted(Roff.literal(name.toUpperCase())) + " 8 " + Roff.quoted(date) + " "
                + Roff.quoted(Roff.text(name + " " + version)) + " " + Roff.quoted("System Administration"));
        raw(".SH NAME");
        String[] description = descriptionLines(root);
        List<String> first = description.length > 0 ? textLines(description[0]) : List.of();
        raw(Roff.line(Roff.literal(name) + " \\- " + Roff.text(first.isEmpty() ? name : first.get(0))));
        raw(".SH SYNOPSIS");
        synopsis(root);
        for (CommandSpec sub : visibleSubcommands(root)) {
            synopsis(sub);
        }
        raw(".SH DESCRIPTION");
        paragraphs(description, 0);
        paragraphs(root.usageMessage().footer(), 0);
        if (!visibleOptions(root).isEmpty() || !visiblePositionals(root).isEmpty()) {
            raw(".SH OPTIONS");
            arguments(root);
        }
        List<CommandSpec> subs = visibleSubcommands(root);
        if (!subs.isEmpty()) {
            raw(".SH COMMANDS");
            for (CommandSpec sub : subs) {
                command(sub);
            }
        }
        exitCodes(root, subs);
        for (Map.Entry<String, String> e : extraSections.entrySet()) {
            raw(".SH " + Roff.quoted(e.getKey()));
            out.append(e.getValue());
            if (!e.getValue().endsWith("\n")) {
                out.append('\n');
            }
        }
        if (!seeAlso.isEmpty()) {
            raw(".SH \"SEE ALSO\"");
            List<String> refs = new ArrayList<>();
            for (String ref : seeAlso) {
                int paren = ref.indexOf('(');
                refs.add(paren > 0 ? Roff.bold(Roff.literal(ref.substring(0, paren))) + Roff.text(ref.substring(paren))
                        : Roff.text(ref));
            }
            raw(Roff.line(String.join(", ", refs)));
        }
    }

    private void command(CommandSpec spec) {
        raw(".SS " + Roff.quoted(Roff.literal(spec.qualifiedName())));
        if (spec.aliases().length > 0) {
            raw(".PP");
            raw(Roff.line("Also: " + String.join(", ", java.util.Arrays.stream(spec.aliases())
                    .map(a -> Roff.bold(Roff.literal(a))).toList()) + "."));
        }
        paragraphs(descriptionLines(spec), 0);
        paragraphs(spec.usageMessage().footer(), 0);
        arguments(spec);
    }

    /** The synopsis as picocli prints it for --help (without colours), in bold/italic. */
    private void synopsis(CommandSpec spec) {
        CommandLine.Help help = new CommandLine.Help(spec,
                new CommandLine.Help.ColorScheme.Builder(CommandLine.Help.Ansi.OFF).build());
        String text = help.synopsis(0).strip().replaceAll("\\s+", " ");
        raw(".PP");
        String qualified = spec.qualifiedName();
        // picocli starts the synopsis with the command's qualified name
        String rest = text.startsWith(qualified) ? text.substring(qualified.length()) : " " + text;
        raw(Roff.line(Roff.bold(Roff.literal(qualified)) + Roff.literal(rest)));
    }

    private void arguments(CommandSpec spec) {
        for (PositionalParamSpec p : visiblePositionals(spec)) {
            raw(".TP");
            raw(Roff.line(Roff.italic(Roff.literal(p.paramLabel()))));
            description(p);
        }
        for (OptionSpec o : visibleOptions(spec)) {
            raw(".TP");
            List<String> names = new ArrayList<>();
            for (String n : o.names()) {
                names.add(Roff.bold(Roff.literal(n)));
            }
            String label = "";
            if (o.arity().max() > 0) {
                String l = "=" + Roff.italic(Roff.literal(o.paramLabel()));
                label = o.arity().min() == 0 ? "[" + l + "]" : l;
            }
            raw(Roff.line(String.join(", ", names) + label));
            description(o);
        }
    }

    private void description(ArgSpec a) {
        String[] lines = a.description();
        if (lines.length == 0) {
            raw("(no description)");
            return;
        }
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                raw(".br");
            }
            for (String l : textLines(lines[i])) {
                raw(Roff.line(Roff.text(l)));
            }
        }
    }

    /** One description entry as source lines, without blank ones (they would print as blank lines). */
    private static List<String> textLines(String description) {
        return java.util.Arrays.stream(format(description).split("\n")).map(String::strip)
                .filter(l -> !l.isEmpty()).toList();
    }

    private void paragraphs(String[] lines, int skip) {
        for (int i = skip; i < lines.length; i++) {
            List<String> text = textLines(lines[i]);
            if (text.isEmpty()) {
                continue;
            }
            raw(".PP");
            for (String l : text) {
                raw(Roff.line(Roff.text(l)));
            }
        }
    }

    private void exitCodes(CommandSpec root, List<CommandSpec> subs) {
        List<CommandSpec> withCodes = new ArrayList<>();
        if (!root.usageMessage().exitCodeList().isEmpty()) {
            withCodes.add(root);
        }
        for (CommandSpec s : subs) {
            if (!s.usageMessage().exitCodeList().isEmpty()) {
                withCodes.add(s);
            }
        }
        if (withCodes.isEmpty()) {
            return;
        }
        raw(".SH \"EXIT STATUS\"");
        for (CommandSpec s : withCodes) {
            if (s != root || withCodes.size() > 1) {
                raw(".SS " + Roff.quoted(Roff.literal(s.qualifiedName())));
            }
            for (Map.Entry<String, String> e : s.usageMessage().exitCodeList().entrySet()) {
                raw(".TP");
                raw(Roff.line(Roff.bold(Roff.literal(e.getKey().strip().replaceAll(":$", "")))));
                raw(Roff.line(Roff.text(format(e.getValue()))));
            }
        }
    }

    private static String[] descriptionLines(CommandSpec spec) {
        String[] d = spec.usageMessage().description();
        return d.length > 0 ? d : spec.usageMessage().header();
    }

    private static List<OptionSpec> visibleOptions(CommandSpec spec) {
        return spec.options().stream().filter(o -> !o.hidden()).toList();
    }

    private static List<PositionalParamSpec> visiblePositionals(CommandSpec spec) {
        return spec.positionalParameters().stream().filter(p -> !p.hidden()).toList();
    }

    /** picocli's help text markup: %n is a line break, %% a percent sign; @|style text|@ is the text. */
    static String format(String s) {
        return s.replace("%n", "\n").replace("%%", "%").replaceAll("@\\|[a-z,]+ ([^|]*)\\|@", "$1");
    }

    private void raw(String line) {
        out.append(line).append('\n');
    }
}
