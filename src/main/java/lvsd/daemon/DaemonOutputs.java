package lvsd.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import lvsd.sys.AtomicFile;
import lvsd.sys.SdNotify;
import lvsd.json.JsonWriter;
import lvsd.metrics.PrometheusText;

/**
 * The daemon's {@link Lifecycle}: systemd notifications, background programs, the status file and the metrics
 * text. The status JSON and the metrics text are rendered on the loop thread after each change (the backend
 * is single-threaded) and published through volatile fields that the metrics server reads.
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
    private volatile String metrics = "";

    public DaemonOutputs(Path config, Backend<?> backend, Optional<SdNotify> notify, ProgramLauncher launcher,
            Optional<Path> statusFile, DaemonLog log) {
        this.config = config;
        this.backend = backend;
        this.notify = notify;
        this.launcher = launcher;
        this.statusFile = statusFile;
        this.log = log;
    }

    @Override
    public void ready(String status) {
        send("READY=1\nSTATUS=" + status + "\nMAINPID=" + pid);
    }

    @Override
    public void reloading() {
        send("RELOADING=1");
    }

    @Override
    public void stopping() {
        send("STOPPING=1");
    }

    @Override
    public void launch(List<String> argv, Duration deadline) {
        launcher.launch(argv, deadline);
    }

    @Override
    public void stateChanged(DaemonState state) {
        String json = statusJson(state);
        if (!json.equals(lastStatus)) {
            lastStatus = json;
            statusFile.ifPresent(f -> writeAtomically(f, json));
        }
        metrics = metricsText(state);
    }

    /** The latest metrics text (any thread). */
    public String metrics() {
        return metrics;
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

    String statusJson(DaemonState s) {
        return "{\"version\":1"
                + ",\"pid\":" + pid
                + ",\"config\":" + JsonWriter.quote(config.toAbsolutePath().toString())
                + ",\"started\":" + JsonWriter.quote(started.toString())
                + ",\"phase\":" + JsonWriter.quote(s.phase().name().toLowerCase(Locale.ROOT))
                + ",\"config_sha256\":" + JsonWriter.quote(s.configSha256())
                + ",\"generation\":" + s.generation()
                + ",\"reloads\":{\"accepted\":" + s.reloadsAccepted() + ",\"rejected\":" + s.reloadsRejected() + "}"
                + ",\"cycles\":{\"total\":" + s.cycles() + ",\"failed\":" + s.cycleFailures() + "}"
                + ",\"kernel_changes\":{\"applied\":" + s.opsApplied() + ",\"failed\":" + s.opsFailed() + "}"
                + ",\"callbacks\":" + s.callbacks()
                + ",\"backend\":" + backend.statusJson()
                + "}\n";
    }

    String metricsText(DaemonState s) {
        PrometheusText t = new PrometheusText();
        t.family("lvsd_config_generation", PrometheusText.Type.GAUGE,
                "Config generation in force: 1 at start, +1 per accepted reload.");
        t.sample("lvsd_config_generation", s.generation());
        t.family("lvsd_reloads_total", PrometheusText.Type.COUNTER, "Reloads by result.");
        t.sample("lvsd_reloads_total", s.reloadsAccepted(), "result", "accepted");
        t.sample("lvsd_reloads_total", s.reloadsRejected(), "result", "rejected");
        t.family("lvsd_reconcile_cycles_total", PrometheusText.Type.COUNTER, "Reconcile cycles run.");
        t.sample("lvsd_reconcile_cycles_total", s.cycles());
        t.family("lvsd_reconcile_failures_total", PrometheusText.Type.COUNTER,
                "Reconcile cycles that failed as a whole (for example the kernel dump failed).");
        t.sample("lvsd_reconcile_failures_total", s.cycleFailures());
        t.family("lvsd_ipvs_changes_total", PrometheusText.Type.COUNTER, "IPVS changes by result.");
        t.sample("lvsd_ipvs_changes_total", s.opsApplied(), "result", "applied");
        t.sample("lvsd_ipvs_changes_total", s.opsFailed(), "result", "failed");
        t.family("lvsd_callbacks_total", PrometheusText.Type.COUNTER, "callback= programs launched.");
        t.sample("lvsd_callbacks_total", s.callbacks());
        t.family("lvsd_up", PrometheusText.Type.GAUGE, "1 while the daemon is running.");
        t.sample("lvsd_up", s.phase() == DaemonState.Phase.RUNNING ? 1 : 0);
        backend.metrics(t);
        return t.toString();
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
