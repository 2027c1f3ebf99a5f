package lvsd.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import lvsd.metrics.DaemonMetrics;
import lvsd.status.StatusCodec;
import lvsd.status.StatusSnapshot;
import lvsd.sys.AtomicFile;
import lvsd.sys.SdNotify;

/**
 * The daemon's {@link Lifecycle}: systemd notifications, background programs, the status file and the metrics
 * text. One {@link StatusSnapshot} is built on the loop thread after each change; the status JSON is rendered
 * from it there (the backend is single-threaded), and the snapshot is published through a volatile field from
 * which each scrape renders the metrics text on the metrics server's thread.
 */
public final class DaemonOutputs implements Lifecycle {

    private final Optional<SdNotify> notify;
    private final ProgramLauncher launcher;
    private final Optional<Path> statusFile;
    private final Backend<?> backend;
    private final DaemonLog log;
    private final Path config;
    private final long pid = ProcessHandle.current().pid();
    private final Instant started = Instant.now();
    private String lastStatus = "";
    private volatile StatusSnapshot latest;
    private DaemonMetrics metrics; // made at the first scrape: no JVM collectors when metrics are off

    private final Optional<lvsd.metrics.CheckMetrics> checkMetrics;

    public DaemonOutputs(Path config, Backend<?> backend, Optional<SdNotify> notify, ProgramLauncher launcher,
            Optional<Path> statusFile, DaemonLog log) {
        this(config, backend, notify, launcher, statusFile, log, Optional.empty());
    }

    /** @param checkMetrics served beside the snapshot's families */
    public DaemonOutputs(Path config, Backend<?> backend, Optional<SdNotify> notify, ProgramLauncher launcher,
            Optional<Path> statusFile, DaemonLog log, Optional<lvsd.metrics.CheckMetrics> checkMetrics) {
        this.checkMetrics = checkMetrics;
        this.config = config;
        this.backend = backend;
        this.notify = notify;
        this.launcher = launcher;
        this.statusFile = statusFile;
        this.log = log;
    }

    private volatile Runnable onStopping = () -> {};

    /** Runs at {@link #stopping} (the watchdog pings regardless from then on). */
    public void onStopping(Runnable r) {
        onStopping = r;
    }

    @Override
    public void ready(String status) {
        send("READY=1\nSTATUS=" + oneLine(status) + "\nMAINPID=" + pid);
    }

    /** systemd's reload protocol (Type=notify-reload): RELOADING=1 with the monotonic time the reload began. */
    @Override
    public void reloading() {
        send("RELOADING=1\nMONOTONIC_USEC=" + SdNotify.monotonicMicros() + "\nSTATUS=reloading");
    }

    @Override
    public void stopping() {
        onStopping.run();
        send("STOPPING=1\nSTATUS=stopping");
    }

    /** STATUS= is one line of a datagram: a multi-line error is joined, a long one cut. */
    static String oneLine(String status) {
        String s = status.replaceAll("[\\r\\n]+", " | ");
        return s.length() <= 300 ? s : s.substring(0, 297) + "...";
    }

    @Override
    public void launch(List<String> argv, Duration deadline) {
        launcher.launch(argv, deadline);
    }

    @Override
    public void stateChanged(DaemonState state) {
        StatusSnapshot snapshot = snapshot(state);
        String json = StatusCodec.write(snapshot);
        if (!json.equals(lastStatus)) {
            lastStatus = json;
            statusFile.ifPresent(f -> writeAtomically(f, json));
        }
        latest = snapshot;
    }

    /** The snapshot of the latest change (any thread); null before the first. */
    public StatusSnapshot latest() {
        return latest;
    }

    /** The metrics text of the latest snapshot, rendered now (any thread). */
    public String metrics() {
        DaemonMetrics m;
        synchronized (this) {
            if (metrics == null) {
                metrics = new DaemonMetrics(() -> latest, checkMetrics);
            }
            m = metrics;
        }
        return m.scrape();
    }

    /** Removes the status file at exit so a reader never mistakes it for a live daemon's. */
    public void removeStatusFile() {
        statusFile.ifPresent(f -> {
            try {
                Files.deleteIfExists(f);
            } catch (IOException e) {
                // left behind; its pid no longer runs, which readers check
            }
        });
    }

    /** The loop's counters as the snapshot's daemon part, completed by the backend. */
    StatusSnapshot snapshot(DaemonState s) {
        return backend.status(new StatusSnapshot.Daemon(pid, config.toAbsolutePath().toString(), started.toString(),
                s.phase().name().toLowerCase(Locale.ROOT), s.configSha256(), s.generation(),
                new StatusSnapshot.Reloads(s.reloadsAccepted(), s.reloadsRejected()),
                new StatusSnapshot.Cycles(s.cycles(), s.cycleFailures()),
                new StatusSnapshot.KernelChanges(s.opsApplied(), s.opsFailed()), s.callbacks()));
    }

    private void send(String message) {
        notify.ifPresent(n -> {
            String err = n.send(message);
            if (err != null) {
                log.warn(err);
            }
        });
    }

    private void writeAtomically(Path file, String content) {
        try {
            AtomicFile.write(file, content, AtomicFile.Durability.VISIBLE);
        } catch (IOException e) {
            log.warn("cannot write the status file " + file + ": " + e.getMessage());
        }
    }
}
