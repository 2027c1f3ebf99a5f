package lvsd.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import lvsd.config.Config;
import lvsd.config.ConfigParser;
import lvsd.config.Diagnostic;
import lvsd.config.ParseResult;
import lvsd.daemon.MaintenanceDir;
import lvsd.director.CycleResult;
import lvsd.director.Director;
import lvsd.director.DirectorState;
import lvsd.director.Effect;
import lvsd.director.HealthView;
import lvsd.director.MaintenanceSet;
import lvsd.ipvs.IpvsClient;
import lvsd.ipvs.IpvsException;
import lvsd.ipvs.IpvsOp;
import lvsd.ipvs.IpvsTable;
import lvsd.ipvsadm.IpvsadmOrder;
import lvsd.ipvsadm.IpvsadmSyntax;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lvsd plan -f FILE}: prints the IPVS changes applying FILE to the current kernel table would make, one
 * ipvsadm-restore line each (so the output can be fed to {@code ipvsadm-restore} or {@code lvsd ipvs restore}),
 * and applies nothing. It is exactly the first cycle {@code lvsd run} performs: reals whose first check has not
 * finished are not added (those the kernel already has in rotation are adopted); {@code --assume-up} shows the
 * table once every check has passed instead.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Print, in ipvsadm-restore syntax, the IPVS changes applying the configuration to the"
                + " current kernel table would make. Applies nothing.",
                "Transitions and fallbackcommand runs are printed to stderr as comments."})
public final class PlanCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = {"-f", "--config"}, required = true, paramLabel = "FILE", description = "ldirectord.cf-style file")
    Path file;

    @Option(names = "--assume-up", description = "Treat every real as having passed its check (checktype=off"
            + " reals stay down).")
    boolean assumeUp;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ParseResult parsed = ConfigParser.parse(file);
        for (Diagnostic d : parsed.diagnostics()) {
            err.println(d);
        }
        if (!parsed.ok()) {
            err.flush();
            return Main.EXIT_BAD_INPUT;
        }
        Config config = parsed.config();
        MaintenanceSet maintenance;
        try {
            maintenance = MaintenanceDir.scan(config.globals().maintenanceDir().map(Path::of).orElse(null));
        } catch (IOException e) {
            err.println("lvsd plan: cannot list maintenancedir: " + e.getMessage());
            err.flush();
            return 1;
        }
        IpvsTable kernel;
        try (IpvsClient client = IpvsClient.open()) {
            kernel = IpvsadmOrder.sorted(client.table());
        } catch (IpvsException e) {
            err.println("lvsd plan: " + e.getMessage());
            err.flush();
            return 1;
        }
        CycleResult r = new Director().cycle(DirectorState.INITIAL, config, HealthView.staticView(assumeUp),
                maintenance, kernel, System.nanoTime());
        for (IpvsOp op : r.ops()) {
            out.println(IpvsadmSyntax.op(op));
        }
        for (String line : r.log()) {
            err.println("# " + line);
        }
        for (Effect e : r.effects()) {
            if (e instanceof Effect.FallbackCommand f) {
                err.println("# would run: " + String.join(" ", f.command()) + " " + String.join(" ", f.arguments()));
            }
        }
        out.flush();
        err.flush();
        return 0;
    }
}
