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
 * {@code lvsd reload -f FILE}: checks FILE, then asks the daemon running it to reload over its control socket
 * and prints the outcome the daemon reports: exit 0 when applied, 2 when the daemon rejected the file (its
 * {@code FILE:LINE} errors printed), 1 for any other refusal. With no socket answering (a daemon started with
 * {@code --control-socket none}, or an older lvsd) it falls back to SIGHUP to the pid in the pid file, which
 * cannot report an outcome. A file with errors is reported here (exit 2) and the daemon is not disturbed.
 */
@Command(
        name = "reload",
        mixinStandardHelpOptions = true,
        description = "Make the running lvsd re-read FILE and report whether the reload was applied (control"
                + " socket; SIGHUP to the pid in its pid file when no socket answers).")
public final class ReloadCommand implements Callable<Integer> {

    @Option(names = {"-f", "--config"}, required = true, paramLabel = "FILE", description = "the daemon's config file")
    Path config;

    @Option(names = "--pid-file", paramLabel = "PATH",
            description = "pid file (default /run/lvsd.<config file name>.pid, or the systemd unit's"
                    + " /run/lvsd/lvsd.pid or /run/lvsd@NAME/lvsd.pid whose daemon runs FILE)")
    Path pidFile;

    @Option(names = "--no-check", description = "ask the daemon without checking FILE first")
    boolean noCheck;

    @Option(names = "--socket", paramLabel = "PATH",
            description = "the daemon's control socket (default: the one whose daemon runs FILE)")
    Path socket;

    /** A reload waits for the settle read and the parse (whose own deadline is 15 s). */
    static final java.time.Duration ANSWER_DEADLINE = java.time.Duration.ofSeconds(45);

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
        java.util.List<String> problems = new java.util.ArrayList<>();
        java.util.Optional<Daemons.Found> daemon = pidFile != null && socket == null ? java.util.Optional.empty()
                : Daemons.forConfig(DaemonStatusFile.RUN_DIR, config, socket, problems);
        if (daemon.isPresent() && daemon.get().socket() != null) {
            return overSocket(daemon.get().socket(), out, err);
        }
        if (socket != null) {
            problems.forEach(p -> err.println("lvsd reload: " + p));
            return 1;
        }
        PidFile pf = pidFile != null ? new PidFile(pidFile) : DaemonStatusFile.pidFileFor(config);
        OptionalLong pid = pf.runningPid();
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
        out.println("lvsd: reload requested (SIGHUP sent to pid " + pid.getAsLong() + "; no control socket"
                + " answers, so the outcome is in the daemon's log)");
        return 0;
    }

    private static int overSocket(Path socket, PrintWriter out, PrintWriter err) {
        String text;
        try {
            text = lvsd.control.ControlClient.ask(socket, lvsd.control.ControlProtocol.Command.RELOAD, ANSWER_DEADLINE);
        } catch (java.io.IOException e) {
            err.println("lvsd reload: " + e.getMessage());
            return 1;
        }
        lvsd.control.ControlProtocol.Response r;
        lvsd.status.ReloadOutcome o;
        try {
            r = lvsd.control.ControlProtocol.parseResponse(text);
            if (!r.ok()) {
                err.println("lvsd reload: the daemon refused: " + r.error());
                return 1;
            }
            o = r.reload();
        } catch (IllegalArgumentException e) {
            err.println("lvsd reload: " + e.getMessage());
            return 1;
        }
        if (o.applied()) {
            o.details().forEach(err::println); // the new file's warnings
            out.println("lvsd: reload applied: config generation " + o.generation());
            return 0;
        }
        o.details().forEach(err::println);
        err.println("lvsd reload: rejected, the daemon keeps config generation " + o.generation() + " (" + o.status()
                + ")");
        return Main.EXIT_BAD_INPUT;
    }

}
