package lvsd.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import lvsd.ipvs.IpvsClient;
import lvsd.ipvs.IpvsException;
import lvsd.ipvs.IpvsOp;
import lvsd.ipvs.IpvsTable;
import lvsd.ipvsadm.IpvsadmFormat;
import lvsd.ipvsadm.IpvsadmOrder;
import lvsd.ipvsadm.RestoreParser;

/**
 * What {@code lvsd status} and {@code lvsd ipvs save|restore} do, free of picocli so {@link FastPath} can
 * run them without loading it. The picocli command classes only parse options and call these.
 */
final class IpvsViews {
    private IpvsViews() {}

    static int status(PrintWriter out, PrintWriter err, boolean stats, boolean rate, boolean json) {
        if (stats && rate) {
            err.println("lvsd status: --stats and --rate cannot be combined");
            err.flush();
            return Main.EXIT_BAD_INPUT;
        }
        IpvsTable table;
        try {
            table = table();
        } catch (IpvsException e) {
            err.println("lvsd: " + e.getMessage());
            err.flush();
            return 1;
        }
        out.print(json ? StatusJson.render(table) : IpvsadmFormat.list(table, stats ? IpvsadmFormat.View.STATS
                : rate ? IpvsadmFormat.View.RATE : IpvsadmFormat.View.PLAIN));
        out.flush();
        return 0;
    }

    private static IpvsTable table() throws IpvsException {
        try (IpvsClient ipvs = IpvsClient.open()) {
            return IpvsadmOrder.sorted(ipvs.table());
        }
    }

    /** LSB status exit codes ({@code lvsd status -f FILE}, ldirectord's {@code FILE status}). */
    static final int RUNNING = 0;
    static final int DEAD_WITH_PID_FILE = 1;
    static final int NOT_RUNNING = 3;
    static final int UNKNOWN = 4;

    /**
     * What to show with the daemons' view.
     *
     * @param config the daemon running this file only; null: every daemon
     * @param socket ask this control socket (null: find it)
     * @param statusFile read this status file instead of asking a daemon (null: find the daemon)
     * @param pidFile where {@code config}'s daemon keeps its pid (for "dead with a pid file")
     */
    record DaemonQuery(boolean json, java.nio.file.Path config, java.nio.file.Path socket,
            java.nio.file.Path statusFile, java.nio.file.Path pidFile, HealthView.Colour colour) {}

    /**
     * The kernel table with the daemons' view (see {@link HealthView}), or as JSON with their snapshots. Exit 0
     * when the daemon asked for (or, without a config, any daemon) runs; 3 when none does; 1 when the config's
     * pid file is left by a daemon that died; 4 when the kernel table cannot be read.
     */
    static int daemonStatus(PrintWriter out, PrintWriter err, DaemonQuery q) {
        java.nio.file.Path run = DaemonStatusFile.RUN_DIR;
        List<String> problems = new ArrayList<>();
        List<Daemons.Found> daemons = new ArrayList<>();
        if (q.statusFile() != null) {
            try {
                DaemonStatusFile f = DaemonStatusFile.read(q.statusFile());
                if (f.alive()) {
                    daemons.add(new Daemons.Found(f.snapshot(), null, f.path()));
                }
            } catch (IOException | IllegalArgumentException e) {
                problems.add("cannot read the daemon's status file: " + e.getMessage());
            }
        } else if (q.config() != null) {
            Daemons.forConfig(run, q.config(), q.socket(), problems).ifPresent(daemons::add);
        } else if (q.socket() != null) {
            Daemons.forConfig(run, java.nio.file.Path.of("/"), q.socket(), problems).ifPresent(daemons::add);
        } else {
            daemons.addAll(Daemons.all(run, problems));
        }
        problems.forEach(p -> err.println("lvsd status: " + p));
        IpvsTable table;
        try {
            table = table();
        } catch (IpvsException e) {
            err.println("lvsd: " + e.getMessage());
            err.flush();
            return UNKNOWN;
        }
        if (q.json()) {
            out.print(StatusJson.render(table, daemons.stream().map(Daemons.Found::snapshot).toList()));
        } else {
            out.print(HealthView.render(table, IpvsadmFormat.list(table, IpvsadmFormat.View.PLAIN), daemons,
                    q.colour()));
        }
        out.flush();
        int code = RUNNING;
        if (daemons.isEmpty()) {
            boolean deadPid = q.pidFile() != null && new lvsd.daemon.PidFile(q.pidFile()).staleFileLeft();
            if (q.config() != null) {
                err.println("lvsd status: no lvsd runs " + q.config() + (deadPid ? " (pid file " + q.pidFile()
                        + " left by a daemon that died)" : ""));
            }
            code = deadPid ? DEAD_WITH_PID_FILE : NOT_RUNNING;
        }
        err.flush();
        return code;
    }

    static int save(PrintWriter out, PrintWriter err) {
        try (IpvsClient ipvs = IpvsClient.open()) {
            out.print(IpvsadmFormat.save(IpvsadmOrder.sorted(ipvs.table())));
            out.flush();
            return 0;
        } catch (IpvsException e) {
            err.println("lvsd: " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    static int restore(InputStream in, PrintWriter err, boolean flush, boolean timing) {
        try {
            return restoreOrFail(in, err, flush, timing);
        } finally {
            err.flush();
        }
    }

    private static int restoreOrFail(InputStream in, PrintWriter err, boolean flush, boolean timing) {
        long t0 = System.nanoTime();
        // Open the IPVS socket (JNA load, family lookup) on a second thread while this one reads and parses:
        // on a small machine that start-up is a good part of a big restore's wall time.
        FutureTask<IpvsClient> opening = new FutureTask<>(IpvsClient::open);
        Thread opener = new Thread(opening, "ipvs-open");
        opener.setDaemon(true);
        opener.start();
        try {
            return parseAndApply(in, err, flush, timing, t0, opening);
        } finally {
            opening.cancel(false);
            if (opening.isDone() && !opening.isCancelled()) {
                try {
                    opening.get().close();
                } catch (ExecutionException | InterruptedException | RuntimeException ignored) {
                    // it failed to open, or was closed already: nothing to release
                }
            }
        }
    }

    private static IpvsClient await(FutureTask<IpvsClient> opening) throws IpvsException {
        try {
            return opening.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IpvsException ie) {
                throw ie;
            }
            throw new IpvsException(IpvsException.Kind.OTHER, 0, null, "opening IPVS: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IpvsException(IpvsException.Kind.OTHER, 0, null, "interrupted while opening IPVS", e);
        }
    }

    private static int parseAndApply(InputStream in, PrintWriter err, boolean flush, boolean timing, long t0,
            FutureTask<IpvsClient> opening) {
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
        try {
            IpvsClient ipvs = await(opening);
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
