package lvsd.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import lvsd.config.ConfigParser;
import lvsd.config.ParseResult;
import lvsd.daemon.PidFile;
import lvsd.sys.Processes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lvsd reload -f FILE}: checks FILE, then sends SIGHUP to the daemon found through its pid file. A file
 * with errors is reported here (exit 2) and the daemon is not disturbed; it would reject the file anyway.
 */
@Command(
        name = "reload",
        mixinStandardHelpOptions = true,
        description = "Make a running lvsd re-read FILE (sends SIGHUP to the pid in its pid file).")
public final class ReloadCommand implements Callable<Integer> {

    @Option(names = {"-f", "--config"}, required = true, paramLabel = "FILE", description = "the daemon's config file")
    Path config;

    @Option(names = "--pid-file", paramLabel = "PATH",
            description = "pid file (default /run/lvsd.<config file name>.pid, or the systemd unit's"
                    + " /run/lvsd/lvsd.pid or /run/lvsd@NAME/lvsd.pid whose daemon runs FILE)")
    Path pidFile;

    @Option(names = "--no-check", description = "signal the daemon without checking FILE first")
    boolean noCheck;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!noCheck) {
            ParseResult r = ConfigParser.parse(config);
            r.diagnostics().forEach(d -> err.println(d));
            if (!r.ok()) {
                err.println("lvsd reload: " + config + " has " + r.errors().size()
                        + " error(s); the daemon was not signalled and keeps its current config");
                return Main.EXIT_BAD_INPUT;
            }
        }
        PidFile pf = new PidFile(pidFile != null ? pidFile : PidFile.defaultFor(config));
        OptionalLong pid = pf.runningPid();
        if (pid.isEmpty() && pidFile == null) {
            // under the systemd units the files live in their RuntimeDirectory= (/run/lvsd, /run/lvsd@NAME)
            try {
                java.util.Optional<Path> unit = DaemonStatusFile.unitPidFileFor(DaemonStatusFile.RUN_DIR, config);
                if (unit.isPresent()) {
                    pf = new PidFile(unit.get());
                    pid = pf.runningPid();
                }
            } catch (java.io.IOException e) {
                // /run unreadable: report the default pid file below
            }
        }
        if (pid.isEmpty()) {
            err.println("lvsd reload: lvsd is not running for " + config + " (no live pid in " + pf.path() + ")");
            return 1;
        }
        try {
            Processes.hangup(pid.getAsLong());
        } catch (Processes.SignalException e) {
            err.println("lvsd reload: " + e.getMessage());
            return 1;
        }
        out.println("lvsd: reload requested (SIGHUP sent to pid " + pid.getAsLong() + ")");
        return 0;
    }

}
