package lvsd.daemon;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import lvsd.clock.Ticker;
import lvsd.control.ControlServer;
import lvsd.sys.SdNotify;
import lvsd.metrics.MetricsServer;

/**
 * Puts a daemon together and runs it in the foreground: pid file, signals, file watcher, status file, metrics,
 * systemd notifications, then the event loop until SIGTERM/SIGINT. Returns the exit status: 0 after a clean
 * stop, 2 when the config is bad at start, 1 for anything else that prevents a start, and 1 after a fatal
 * fault or a clean stop that left lvsd's services in the table.
 */
public final class DaemonMain {

    /** Command-line choices. */
    /**
     * @param controlSocket where the control socket listens; empty: no socket
     * @param checkMetrics the check engine's run metrics, served with the others (empty without metrics)
     */
    public record Options(Path config, Path pidFile, Optional<Path> statusFile, Optional<InetSocketAddress> metrics,
            Timing timing, Optional<Path> controlSocket, Optional<lvsd.metrics.CheckMetrics> checkMetrics) {
        public Options(Path config, Path pidFile, Optional<Path> statusFile, Optional<InetSocketAddress> metrics,
                Timing timing) {
            this(config, pidFile, statusFile, metrics, timing, Optional.empty(), Optional.empty());
        }
    }

    private DaemonMain() {}

    /** {@code programs} runs callback= programs; the caller owns it (the backend may share it). */
    public static <C> int run(Options opts, DaemonRunner runner, Backend<C> backend, ProgramLauncher programs,
            DaemonLog log, PrintStream err) {
        long pid = ProcessHandle.current().pid();
        PidFile.Held pidFile;
        try {
            pidFile = new PidFile(opts.pidFile()).take(pid); // locked until the process ends
        } catch (PidFile.PidFileException e) {
            err.println("lvsd: " + e.getMessage());
            return 1;
        }
        Signals.install(runner::post, log::warn);
        Optional<SdNotify> notify = SdNotify.fromEnvironment();
        java.util.concurrent.ExecutorService parses = parseExecutor();
        Optional<Watchdog> watchdog = Optional.empty();
        try {
            DaemonOutputs outputs = new DaemonOutputs(opts.config(), backend, notify, programs, opts.statusFile(),
                    log, opts.checkMetrics());
            DaemonLoop<C> loop = new DaemonLoop<>(opts.config(), backend, DaemonLoop.FileSource.DISK, Ticker.SYSTEM,
                    opts.timing(), log, outputs, parses, runner::post);
            // before start: systemd arms the watchdog when the process starts (the loop's own pulse counts once
            // the runner turns, see DaemonRunner.heartbeats)
            watchdog = Watchdog.start(notify, System.getenv(), heartbeats(runner, backend), Ticker.SYSTEM, log);
            watchdog.ifPresent(w -> outputs.onStopping(w::stopping));
            List<String> errors;
            try {
                errors = loop.start();
            } catch (DaemonLoop.StartException e) {
                err.println("lvsd: " + e.getMessage());
                return 1;
            }
            if (!errors.isEmpty()) {
                errors.forEach(err::println);
                err.println("lvsd: " + opts.config() + " has " + errors.size()
                        + " error(s); nothing was changed");
                return 2;
            }
            FileWatcher watcher = null;
            try {
                watcher = FileWatcher.start(opts.config(), runner::post);
            } catch (IOException | RuntimeException e) {
                log.warn("no file watcher (" + e.getMessage() + "); polling " + opts.config() + " every "
                        + opts.timing().filePoll().toMillis() + " ms");
            }
            MetricsServer metrics = null;
            if (opts.metrics().isPresent()) {
                try {
                    metrics = MetricsServer.start(opts.metrics().get(), outputs::metrics);
                    log.info("metrics on http://" + hostPort(metrics.address()) + "/metrics");
                } catch (IOException e) {
                    log.error("cannot serve metrics on " + opts.metrics().get() + ": " + e.getMessage());
                }
            }
            DaemonControl control = new DaemonControl(loop, outputs::latest, log);
            Signals.onDumpRequest(control::dumpToLog, log::warn);
            ControlServer socket = opts.controlSocket().map(p -> startControl(p, control, runner, log)).orElse(null);
            try {
                runner.run(loop);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                if (socket != null) {
                    socket.close();
                }
                if (watcher != null) {
                    watcher.close();
                }
                if (metrics != null) {
                    metrics.close();
                }
                outputs.removeStatusFile();
            }
            if (loop.exitStatus() == 0) {
                log.info("stopped");
            } else {
                log.error("stopped with exit status " + loop.exitStatus());
            }
            return loop.exitStatus();
        } finally {
            try {
                backend.close();
            } catch (RuntimeException e) {
                log.warn("closing: " + e.getMessage());
            }
            parses.shutdownNow();
            watchdog.ifPresent(Watchdog::close);
            notify.ifPresent(SdNotify::close);
            pidFile.close();
        }
    }

    /** The control socket, or null (logged) when it cannot be opened: reload then falls back to SIGHUP. */
    private static ControlServer startControl(Path path, DaemonControl control, DaemonRunner runner, DaemonLog log) {
        try {
            ControlServer s = ControlServer.start(path, control, ControlServer.rootOrSelf(), log::warn,
                    t -> runner.post(new Event.ThreadDied(Subsystem.CONTROL, "lvsd-control", t)));
            log.info("control socket " + path);
            return s;
        } catch (IOException | RuntimeException e) {
            log.error("no control socket at " + path + ": " + e.getMessage() + " (lvsd reload falls back to SIGHUP,"
                    + " lvsd status to the status file)");
            return null;
        }
    }

    /** What the watchdog requires fresh: the event loop, and the backend's threads (checks, VRRP). */
    public static java.util.function.Supplier<List<lvsd.clock.Heartbeat>> heartbeats(DaemonRunner runner,
            Backend<?> backend) {
        return () -> {
            List<lvsd.clock.Heartbeat> all = new java.util.ArrayList<>(runner.heartbeats());
            all.addAll(backend.heartbeats());
            return all;
        };
    }

    /**
     * Reload parses (they resolve names): one thread, one waiting parse at most. A newer reload evicts a waiting
     * one, whose result the loop would drop anyway.
     */
    private static java.util.concurrent.ExecutorService parseExecutor() {
        return new java.util.concurrent.ThreadPoolExecutor(1, 1, 0, java.util.concurrent.TimeUnit.SECONDS,
                new java.util.concurrent.ArrayBlockingQueue<>(1), r -> {
                    Thread t = new Thread(r, "lvsd-parse");
                    t.setDaemon(true);
                    return t;
                }, new java.util.concurrent.ThreadPoolExecutor.DiscardOldestPolicy());
    }

    private static String hostPort(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
