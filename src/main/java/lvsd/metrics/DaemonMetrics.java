package lvsd.metrics;

import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.Objects;
import java.util.function.Supplier;
import lvsd.status.StatusSnapshot;

/**
 * The daemon's registry: the client library's JVM collectors and {@link StatusMetrics} over the latest status
 * snapshot. The loop only publishes the snapshot reference; a scrape renders on the metrics
 * server's thread from that immutable value, so it never waits for the loop and the loop never renders for
 * nobody. Served by lvsd's own {@link MetricsServer} (JDK HttpServer, own pool, request timeout) rather than the
 * client's exporter-httpserver, which has neither a request timeout nor a bounded queue of its own.
 */
public final class DaemonMetrics {
    private final PrometheusRegistry registry = new PrometheusRegistry();

    /** @param latest the latest snapshot, null before the first (then only the JVM families are shown) */
    public DaemonMetrics(Supplier<StatusSnapshot> latest) {
        this(latest, java.util.Optional.empty());
    }

    /** @param checks the check engine's per-run families (latency histogram, failures), when it feeds them */
    public DaemonMetrics(Supplier<StatusSnapshot> latest, java.util.Optional<CheckMetrics> checks) {
        Objects.requireNonNull(latest, "latest");
        JvmMetrics.builder().register(registry);
        checks.ifPresent(c -> c.register(registry));
        registry.register(() -> {
            StatusSnapshot s = latest.get();
            return s == null ? new MetricSnapshots() : StatusMetrics.families(s);
        });
    }

    /** Every family, as scrape text (any thread). */
    public String scrape() {
        MetricSnapshots all = registry.scrape();
        return StatusMetrics.text(all);
    }
}
