package lvsd.cli;

import java.io.InputStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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
            return IpvsViews.save(spec.commandLine().getOut(), spec.commandLine().getErr());
        }
    }

    @Command(name = "restore", mixinStandardHelpOptions = true,
            description = {"Read ipvsadm-restore lines (-A/-E/-D/-a/-e/-d/-C) from stdin and apply them in batches.",
                "The whole input is checked first: a bad line is reported as 'line N: why' (exit 2) and"
                        + " nothing is applied. Kernel errors are reported per line (exit 1); the other"
                        + " lines are still applied."})
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
            return IpvsViews.restore(in, spec.commandLine().getErr(), flush, timing);
        }
    }
}
