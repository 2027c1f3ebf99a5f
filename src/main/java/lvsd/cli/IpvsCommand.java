package lvsd.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import lvsd.ipvs.IpvsClient;
import lvsd.ipvs.IpvsException;
import lvsd.ipvs.IpvsOp;
import lvsd.ipvs.IpvsadmFormat;
import lvsd.ipvs.RestoreParser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lvsd ipvs save|restore}: the IPVS table in ipvsadm-save / ipvsadm-restore format. */
@Command(name = "ipvs", mixinStandardHelpOptions = true,
        description = "Save or restore the kernel's IPVS table in ipvsadm-save format.",
        subcommands = {IpvsCommand.Save.class, IpvsCommand.Restore.class})
public final class IpvsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    @Command(name = "save", mixinStandardHelpOptions = true,
            description = "Print the table as ipvsadm-save -n does.")
    static final class Save implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (IpvsClient ipvs = IpvsClient.open()) {
                PrintWriter out = spec.commandLine().getOut();
                out.print(IpvsadmFormat.save(ipvs.table()));
                out.flush();
                return 0;
            } catch (IpvsException e) {
                spec.commandLine().getErr().println("lvsd: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "restore", mixinStandardHelpOptions = true,
            description = {"Read ipvsadm-restore lines (-A/-E/-D/-a/-e/-d/-C) from stdin and apply them in batches.",
                "The whole input is checked first: a bad line is reported as 'line N: why' (exit 2) and"
                        + " nothing is applied."})
    static final class Restore implements Callable<Integer> {
        @Option(names = "--flush", description = "Clear the table first (like ipvsadm-restore's -C).")
        boolean flush;

        @Option(names = "--timing", description = "Report parse and apply times on stderr (for benchmarks).")
        boolean timing;

        @Spec
        CommandSpec spec;

        /** Where rules are read from; tests replace it. */
        InputStream in = System.in;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            long t0 = System.nanoTime();
            String text;
            try {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("lvsd: reading standard input: " + e.getMessage());
                return 1;
            }
            List<RestoreParser.Rule> rules;
            try {
                rules = RestoreParser.parseRules(text);
            } catch (RestoreParser.SyntaxException e) {
                err.println("lvsd: " + e.getMessage());
                return Main.EXIT_BAD_INPUT;
            }
            List<IpvsOp> ops = new ArrayList<>(rules.size() + 1);
            List<Integer> lines = new ArrayList<>(rules.size() + 1);
            if (flush) {
                ops.add(new IpvsOp.Flush());
                lines.add(0);
            }
            for (RestoreParser.Rule r : rules) {
                ops.add(r.op());
                lines.add(r.line());
            }
            long t1 = System.nanoTime();
            try (IpvsClient ipvs = IpvsClient.open()) {
                List<IpvsException> results = ipvs.applyEach(ops);
                if (timing) {
                    long t2 = System.nanoTime();
                    err.printf("lvsd: read and parsed %d rules in %.1f ms, applied them in %.1f ms%n", ops.size(),
                            (t1 - t0) / 1e6, (t2 - t1) / 1e6);
                }
                int failed = 0;
                for (int i = 0; i < results.size(); i++) {
                    if (results.get(i) != null) {
                        failed++;
                        err.println("lvsd: " + (lines.get(i) == 0 ? "--flush" : "line " + lines.get(i)) + ": "
                                + results.get(i).getMessage());
                    }
                }
                if (failed > 0) {
                    err.println("lvsd: " + failed + " of " + ops.size() + " rules failed; the others were applied");
                    return 1;
                }
                return 0;
            } catch (IpvsException e) {
                err.println("lvsd: " + e.getMessage());
                return 1;
            }
        }
    }
}
