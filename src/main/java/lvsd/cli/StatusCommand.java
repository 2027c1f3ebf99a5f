package lvsd.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import lvsd.daemon.PidFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lvsd status}: the kernel's IPVS table, byte-identical to {@code ipvsadm -Ln} (and its --stats and
 * --rate forms), or as JSON (docs/status-json.md). The plain forms usually run through {@link FastPath} and exit
 * 0 whether a daemon runs or not, as ipvsadm does. With {@code -f FILE}, {@code --health} or {@code --socket},
 * the running daemons' view is added and the exit status is LSB's: 0 running, 3 not running, 1 dead with a pid
 * file (docs/daemon.md, "Status").
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the kernel's IPVS table (same text as ipvsadm -Ln), or --json; with -f FILE or --health,"
                + " also what the running daemons think of every real, check and VRRP instance.")
public final class StatusCommand implements Callable<Integer> {

    @Option(names = "--stats", description = "Cumulative counters (as ipvsadm -Ln --stats).")
    boolean stats;

    @Option(names = "--rate", description = "Rates (as ipvsadm -Ln --rate).")
    boolean rate;

    @Option(names = "--json", description = "Machine-readable output, schema lvsd.status/1 (docs/status-json.md).")
    boolean json;

    @Option(names = {"-f", "--config"}, paramLabel = "FILE",
            description = "The daemon running FILE: its view, and LSB exit status (0 running, 3 not, 1 dead).")
    Path config;

    @Option(names = {"-H", "--health"},
            description = "Add every running daemon's view: each real's health, the checks, VRRP.")
    boolean health;

    @Option(names = "--socket", paramLabel = "PATH", description = "Ask the daemon on this control socket.")
    Path socket;

    @Option(names = "--status-file", paramLabel = "PATH",
            description = "Read this daemon status file instead of asking the daemon; implies --health.")
    Path statusFile;

    @Option(names = "--pid-file", paramLabel = "PATH",
            description = "The daemon's pid file, for 'dead with a pid file' (default /run/lvsd.<FILE name>.pid).")
    Path pidFile;

    @Option(names = "--watch", arity = "0..1", paramLabel = "SECONDS", fallbackValue = "2",
            description = "Redraw every SECONDS (default ${FALLBACK-VALUE}): in place on a terminal, appended on a pipe.")
    Double watch;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
            description = "Colour the states: auto (on a terminal), always, never.")
    String color;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean daemonView = config != null || health || socket != null || statusFile != null || watch != null;
        if (!daemonView) {
            return IpvsViews.status(out, err, stats, rate, json);
        }
        if (stats || rate) {
            err.println("lvsd status: --stats and --rate show the plain table; they do not combine with the daemon view");
            return Main.EXIT_BAD_INPUT;
        }
        if (watch != null && !(watch > 0)) {
            err.println("lvsd status: --watch needs a positive number of seconds");
            return Main.EXIT_BAD_INPUT;
        }
        boolean terminal = System.console() != null;
        HealthView.Colour colour;
        switch (color) {
            case "always" -> colour = HealthView.Colour.ANSI;
            case "never" -> colour = HealthView.Colour.NONE;
            case "auto" -> colour = terminal && !json ? HealthView.Colour.ANSI : HealthView.Colour.NONE;
            default -> {
                err.println("lvsd status: --color is auto, always or never, not \"" + color + "\"");
                return Main.EXIT_BAD_INPUT;
            }
        }
        IpvsViews.DaemonQuery q = new IpvsViews.DaemonQuery(json, config, socket, statusFile,
                pidFile != null ? pidFile : config != null ? PidFile.defaultFor(config) : null, colour);
        if (watch == null) {
            return IpvsViews.daemonStatus(out, err, q);
        }
        while (true) { // until interrupted (Ctrl-C) or the pipe closes
            StringWriter frame = new StringWriter();
            IpvsViews.daemonStatus(new PrintWriter(frame), err, q);
            if (terminal) {
                out.print("\u001b[H\u001b[2J"); // home, clear: redraw in place
            } else {
                out.println("--- " + Instant.now());
            }
            out.print(frame);
            out.flush();
            if (out.checkError()) {
                return 0; // the reader went away (| head)
            }
            Thread.sleep(Math.round(watch * 1000));
        }
    }
}
