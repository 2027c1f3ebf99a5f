package lvsd.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicReference;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import lvsd.clock.Ticker;
import lvsd.config.NameResolver;
import lvsd.daemon.DaemonMain;
import lvsd.daemon.IpvsKernel;
import lvsd.daemon.IpvsSysctls;
import lvsd.daemon.LvsdBackend;
import lvsd.daemon.PidFile;
import lvsd.daemon.ProgramLauncher;
import lvsd.daemon.Slf4jLog;
import lvsd.daemon.Timing;
import lvsd.ipvs.IpvsClient;
import lvsd.daemon.DaemonRunner;
import lvsd.daemon.EngineHealth;
import lvsd.check.probe.Probes;
import lvsd.daemon.Event;
import lvsd.daemon.VrrpPort;
import lvsd.daemon.Subsystem;
import lvsd.clock.Heartbeat;
import java.util.List;
import java.util.function.Consumer;
import lvsd.status.StatusSnapshot;
import lvsd.daemon.IpvsConnectionSync;
import lvsd.sys.AtomicFile;
import lvsd.sys.GroupLauncher;
import lvsd.vrrp.VrrpService;
import lvsd.vrrp.sys.LinuxVrrpIo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lvsd run -f FILE}: the director daemon, in the foreground (systemd Type=notify). See docs/daemon.md.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Run the director in the foreground: apply FILE to the IPVS table, then keep reconciling.",
            "SIGHUP (or lvsd reload) reloads FILE; autoreload=yes reloads when its content changes.",
            "SIGTERM/SIGINT stop; cleanstop=yes (default) removes what lvsd added."
        })
public final class RunCommand implements Callable<Integer> {

    @Option(names = {"-f", "--config"}, required = true, paramLabel = "FILE", description = "ldirectord.cf-style file")
    Path config;

    @Option(names = "--pid-file", paramLabel = "PATH",
            description = "pid file (default /run/lvsd.<config file name>.pid)")
    Path pidFile;

    @Option(names = "--status-file", paramLabel = "PATH",
            description = "JSON status file kept current (default /run/lvsd.<config file name>.json; 'none' = off)")
    String statusFile;

    @Option(names = "--control-socket", paramLabel = "PATH",
            description = "control socket for lvsd status/reload (default /run/lvsd/<config file name>.sock;"
                    + " 'none' = off)")
    String controlSocket;

    @Option(names = "--metrics", paramLabel = "HOST:PORT",
            description = "serve Prometheus metrics on http://HOST:PORT/metrics (default off)")
    String metrics;

    @Option(names = "--resync-interval", paramLabel = "SECONDS", defaultValue = "5",
            description = "re-read the kernel table and put back hand edits this often (default ${DEFAULT-VALUE})")
    double resync;

    @Option(names = "--poll-interval", paramLabel = "SECONDS", defaultValue = "1",
            description = "hash the config file this often for autoreload/callback (default ${DEFAULT-VALUE})")
    double poll;

    @Option(names = "--vrrp-status-file", paramLabel = "PATH",
            description = "also rewrite VRRP's plain status lines (as lvsd vrrp-run --status-file) every 100 ms")
    Path vrrpStatusFile;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Optional<InetSocketAddress> metricsAddr;
        try {
            metricsAddr = metrics == null ? Optional.empty() : Optional.of(hostPort(metrics));
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("lvsd run: --metrics " + e.getMessage());
            return Main.EXIT_BAD_INPUT;
        }
        if (!(resync > 0) || !(poll > 0)) {
            spec.commandLine().getErr().println("lvsd run: intervals must be positive");
            return Main.EXIT_BAD_INPUT;
        }
        configureLogging();
        Slf4jLog log = new Slf4jLog("lvsd");
        Timing d = Timing.defaults();
        Timing timing = new Timing(seconds(poll), seconds(resync), d.debounce(), d.settle(), d.callbackDeadline());
        Path status = statusFile == null ? Path.of("/run", "lvsd." + config.getFileName() + ".json")
                : "none".equals(statusFile) ? null : Path.of(statusFile);
        DaemonMain.Options opts = new DaemonMain.Options(config,
                pidFile != null ? pidFile : PidFile.defaultFor(config), Optional.ofNullable(status), metricsAddr,
                timing, controlSocket == null ? Optional.of(lvsd.control.ControlClient.defaultSocketFor(config))
                        : "none".equals(controlSocket) ? Optional.empty() : Optional.of(Path.of(controlSocket)),
                metricsAddr.map(a -> new lvsd.metrics.CheckMetrics()));
        DaemonRunner runner = new DaemonRunner();
        GroupLauncher launcher = new GroupLauncher(); // every external program: checks, callbacks, VRRP hooks
        ProgramLauncher effects = new ProgramLauncher(log, launcher);
        IpvsConnectionSync sync = new IpvsConnectionSync(IpvsClient::open);
        AtomicReference<VrrpService> current = new AtomicReference<>();
        VrrpPort vrrp = (cfg, health, listener) -> {
            VrrpService svc = VrrpService.start(cfg, LinuxVrrpIo.open(), Ticker.SYSTEM, health, sync, launcher,
                    listener, died(runner, Subsystem.VRRP));
            current.set(svc);
            return new VrrpPort.Running() {
                @Override
                public void trackersChanged() {
                    svc.trackersChanged();
                }

                @Override
                public StatusSnapshot.Vrrp status() {
                    return svc.snapshot();
                }

                @Override
                public List<Heartbeat> heartbeats() {
                    return List.of(svc.heartbeat());
                }

                @Override
                public void close() {
                    svc.close();
                    writeVrrpStatus(svc.status());
                    current.compareAndSet(svc, null);
                }
            };
        };
        // a VRRP transition is logged by VRRP itself; the loop refreshes the status file
        EngineHealth health = new EngineHealth(onDeath -> Probes.defaults(Ticker.SYSTEM, launcher, onDeath),
                Ticker.SYSTEM, Clock.systemUTC(), why -> runner.post(new Event.Reconcile(why)),
                died(runner, Subsystem.CHECKS), opts.checkMetrics().map(m -> (lvsd.check.RunObserver) m)
                        .orElse(lvsd.check.RunObserver.NONE));
        LvsdBackend backend = new LvsdBackend(
                new IpvsKernel(IpvsClient::open, log, new IpvsSysctls(IpvsSysctls.Proc.under(IpvsSysctls.PROC), log)), health,
                NameResolver.system(), Ticker.SYSTEM, effects::launch, vrrp,
                change -> runner.post(new Event.Reconcile("vrrp " + change.instance() + " " + change.to())));
        if (vrrpStatusFile != null) {
            Thread t = new Thread(() -> {
                while (true) {
                    VrrpService svc = current.get();
                    if (svc != null) {
                        writeVrrpStatus(svc.status());
                    }
                    try {
                        Thread.sleep(100); // a reporting period, as vrrp-run's
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "lvsd-vrrp-status");
            t.setDaemon(true);
            t.start();
        }
        try {
            return DaemonMain.run(opts, runner, backend, effects, log, System.err);
        } finally {
            launcher.close();
            sync.close();
        }
    }

    /** A supervised thread's death, posted to the loop from the dying thread. */
    private static Consumer<Throwable> died(DaemonRunner runner, Subsystem subsystem) {
        return t -> runner.post(new Event.ThreadDied(subsystem, Thread.currentThread().getName(), t));
    }

    private synchronized void writeVrrpStatus(String text) {
        if (vrrpStatusFile == null) {
            return;
        }
        try {
            AtomicFile.write(vrrpStatusFile, text, AtomicFile.Durability.VISIBLE);
        } catch (IOException e) {
            // a convenience file: VRRP goes on
        }
    }

    /** slf4j-simple reads these once, at the first logger: set them before any logging. */
    private static void configureLogging() {
        // under systemd, journald stamps each line itself
        boolean journal = System.getenv("JOURNAL_STREAM") != null;
        setDefault("org.slf4j.simpleLogger.showDateTime", Boolean.toString(!journal));
        setDefault("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        setDefault("org.slf4j.simpleLogger.showThreadName", "false");
        setDefault("org.slf4j.simpleLogger.showLogName", "false");
        setDefault("org.slf4j.simpleLogger.logFile", "System.err");
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    private static Duration seconds(double s) {
        return Duration.ofNanos((long) (s * 1e9));
    }

    static InetSocketAddress hostPort(String s) {
        int colon = s.lastIndexOf(':');
        if (colon <= 0 || colon == s.length() - 1) {
            throw new IllegalArgumentException("expects HOST:PORT, got \"" + s + "\"");
        }
        String host = s.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(s.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expects a port number, got \"" + s.substring(colon + 1) + "\"");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        return new InetSocketAddress(host, port);
    }
}
