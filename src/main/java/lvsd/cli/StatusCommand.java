package lvsd.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lvsd status}: the kernel's IPVS table, byte-identical to {@code ipvsadm -Ln} (and its --stats and
 * --rate forms), or as JSON (docs/status-json.md). The plain forms usually run through {@link FastPath}.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the kernel's IPVS table (same text as ipvsadm -Ln), or --json.")
public final class StatusCommand implements Callable<Integer> {

    @Option(names = "--stats", description = "Cumulative counters (as ipvsadm -Ln --stats).")
    boolean stats;

    @Option(names = "--rate", description = "Rates (as ipvsadm -Ln --rate).")
    boolean rate;

    @Option(names = "--json", description = "Machine-readable output, schema lvsd.status/1 (docs/status-json.md).")
    boolean json;

    @Option(names = {"-H", "--health"},
            description = "Add the running daemon's view: each real's health, the daemon and VRRP state.")
    boolean health;

    @Option(names = "--status-file", paramLabel = "PATH",
            description = "The daemon's status file (default: the live /run/lvsd.*.json); implies --health.")
    java.nio.file.Path statusFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return IpvsViews.status(spec.commandLine().getOut(), spec.commandLine().getErr(), stats, rate, json,
                health || statusFile != null, statusFile);
    }
}
