package lvsd.manual;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lvsd.cli.Main;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * Writes the generated manual into a directory: {@code lvsd.8} from the command model as it stands at build
 * time (every visible sub-command and option), {@code lvsd.cf.5} from docs/config.md, and the bash completion
 * script {@code lvsd.bash} from picocli's {@link AutoComplete}. scripts/package runs it from the built jar:
 *
 * <pre>java -cp target/lvsd.jar lvsd.manual.Generate --out DIR --version V --date YYYY-MM-DD
 *     --config-doc docs/config.md [--omit TITLE]...</pre>
 */
public final class Generate {

    private Generate() {
    }

    public static void main(String[] args) throws IOException {
        Path out = null;
        Path configDoc = null;
        String version = null;
        String date = null;
        Set<String> omit = new LinkedHashSet<>();
        for (int k = 0; k < args.length; k++) {
            String v = k + 1 < args.length ? args[k + 1] : null;
            switch (args[k]) {
                case "--out" -> out = Path.of(need(args[k], v));
                case "--config-doc" -> configDoc = Path.of(need(args[k], v));
                case "--version" -> version = need(args[k], v);
                case "--date" -> date = need(args[k], v);
                case "--omit" -> omit.add(need(args[k], v));
                default -> usage("unknown argument " + args[k]);
            }
            k++;
        }
        if (out == null || configDoc == null || version == null || date == null) {
            usage("--out, --config-doc, --version and --date are required");
        }
        if (!date.matches("\\d{4}-\\d{2}-\\d{2}")) {
            usage("--date wants YYYY-MM-DD, got " + date);
        }
        Files.createDirectories(out);
        CommandLine cl = new CommandLine(new Main());
        write(out.resolve("lvsd.8"), CommandPage.render(cl, version, date,
                List.of("lvsd.cf(5)", "ipvsadm(8)", "ldirectord(8)", "keepalived(8)", "systemctl(1)"),
                fixedSections()));
        String md = Files.readString(configDoc, StandardCharsets.UTF_8);
        try {
            write(out.resolve("lvsd.cf.5"), MarkdownPage.render(md, "lvsd.cf", 5, "lvsd " + version, date, omit));
        } catch (IllegalArgumentException e) {
            usage(configDoc + ": " + e.getMessage());
        }
        // sourced by bash-completion, never run: no #! line (Debian's lintian flags one)
        String completion = AutoComplete.bash("lvsd", new CommandLine(new Main()));
        write(out.resolve("lvsd.bash"), completion.startsWith("#!") ? completion.substring(completion.indexOf('\n') + 1)
                : completion);
    }

    /** The sections that are not in the command model: where lvsd keeps its files, the wrapper's environment. */
    private static Map<String, String> fixedSections() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("FILES", tp("/etc/lvsd/lvsd.cf", "The configuration lvsd.service runs (see lvsd.cf(5));"
                        + " lvsd@NAME.service runs /etc/lvsd/NAME.cf.")
                + tp("/etc/default/lvsd", "Environment for the units: LVSD_CONFIG (the file), LVSD_JAVA_OPTS.")
                + tp("/run/lvsd/", "Pid and status files of lvsd.service (/run/lvsd@NAME/ for lvsd@NAME).")
                + tp("/usr/share/lvsd/lvsd.jar", "The program.")
                + tp("/usr/share/doc/lvsd/", "The full documentation (daemon, checks, director, VRRP, metrics)."));
        s.put("ENVIRONMENT", tp("LVSD_JAVA_OPTS", "Extra JVM options (the units bound the heap with it).")
                + tp("LVSD_JAR", "Run this jar instead of /usr/share/lvsd/lvsd.jar.")
                + tp("JAVA_HOME", "Run $JAVA_HOME/bin/java instead of the java on PATH."));
        return s;
    }

    private static String tp(String tag, String text) {
        return ".TP\n" + Roff.line(Roff.bold(Roff.literal(tag))) + "\n" + Roff.line(Roff.text(text)) + "\n";
    }

    private static String need(String opt, String value) {
        if (value == null) {
            usage(opt + " needs a value");
        }
        return value;
    }

    private static void usage(String why) {
        System.err.println("lvsd.manual.Generate: " + why);
        System.exit(2);
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
