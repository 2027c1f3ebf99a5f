package lvsd.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import lvsd.config.ConfigJson;
import lvsd.config.ConfigParser;
import lvsd.config.Diagnostic;
import lvsd.config.ParseResult;
import lvsd.daemon.MaintenanceDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code lvsd check-config FILE [--dump]}: validates an ldirectord.cf. Every error and warning goes to stderr as
 * {@code FILE:LINE: ...}, one per line; exit 0 when there is no error, 2 otherwise. {@code --dump} prints the
 * normalised model as JSON on stdout. {@code --strict} (or {@code strict=yes} in the file) makes every warning an
 * error.
 */
@Command(
        name = "check-config",
        mixinStandardHelpOptions = true,
        description = "Validate an ldirectord.cf-style configuration file (exit 0 valid, 2 errors).")
public final class CheckConfigCommand implements Callable<Integer> {

    @CommandLine.Parameters(paramLabel = "FILE", description = "the configuration file")
    Path file;

    @CommandLine.Option(names = "--dump", description = "print the normalised model as JSON on stdout")
    boolean dump;

    @CommandLine.Option(names = "--strict", description = "treat every warning as an error (exit 2), as the"
            + " directive strict=yes does; for new configs")
    boolean strict;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ParseResult r = ConfigParser.parse(file);
        if (strict) {
            r = r.asStrict();
        }
        List<Diagnostic> diagnostics = MaintenanceDir.withDiskWarnings(r);
        if (r.strict()) {
            diagnostics = ParseResult.promote(diagnostics); // the disk's warnings too
        }
        for (Diagnostic d : diagnostics) {
            err.println(d);
        }
        err.flush();
        long errors = diagnostics.stream().filter(Diagnostic::isError).count();
        if (errors > 0) {
            err.println(file + ": " + errors + " error" + (errors == 1 ? "" : "s"));
            err.flush();
            return Main.EXIT_BAD_INPUT;
        }
        if (dump) {
            out.print(ConfigJson.dump(r.config()));
        } else {
            int reals = r.config().virtuals().stream().mapToInt(v -> v.reals().size()).sum();
            out.println(file + ": OK, " + r.config().virtuals().size() + " virtual services, " + reals
                    + " real servers, " + r.config().extraBlocks().size() + " other blocks, "
                    + diagnostics.stream().filter(d -> !d.isError()).count() + " warnings");
        }
        out.flush();
        return 0;
    }
}
