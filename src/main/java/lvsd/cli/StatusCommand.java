package lvsd.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import lvsd.ipvs.IpvsClient;
import lvsd.ipvs.IpvsException;
import lvsd.ipvs.IpvsTable;
import lvsd.ipvs.IpvsadmFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code lvsd status}: the kernel's IPVS table, byte-identical to {@code ipvsadm -Ln} (and its --stats and
 * --rate forms), or as JSON. Kept free of logging and configuration classes so it starts fast.
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

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (stats && rate) {
            err.println("lvsd status: --stats and --rate cannot be combined");
            return Main.EXIT_BAD_INPUT;
        }
        IpvsTable table;
        try (IpvsClient ipvs = IpvsClient.open()) {
            table = ipvs.table();
        } catch (IpvsException e) {
            err.println("lvsd: " + e.getMessage());
            err.flush();
            return 1;
        }
        if (json) {
            out.print(StatusJson.render(table));
        } else {
            out.print(IpvsadmFormat.list(table, stats ? IpvsadmFormat.View.STATS
                    : rate ? IpvsadmFormat.View.RATE : IpvsadmFormat.View.PLAIN));
        }
        out.flush();
        return 0;
    }
}
