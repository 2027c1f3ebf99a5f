package lvsd.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import lvsd.check.CheckResult;
import lvsd.check.RunObserver;

/**
 * Per check (virtual, real): {@code lvsd_check_duration_seconds}, a histogram of how long each run took, and
 * {@code lvsd_check_failures_total{reason}}. These accumulate run by run, which a status snapshot (a moment's
 * state) cannot carry, so the check engine feeds them directly through {@link RunObserver}; everything else the
 * metrics show is rendered from the snapshot. Made only when metrics are served.
 */
public final class CheckMetrics implements RunObserver {

    /** Connect checks take microseconds to milliseconds, slow HTTP seconds; checktimeout caps the top. */
    static final double[] BOUNDS = {0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final Histogram duration = Histogram.builder().name("lvsd_check_duration_seconds")
            .help("How long each check run took, timed-out runs included (about their timeout).")
            .labelNames("virtual", "real").classicOnly().classicUpperBounds(BOUNDS).withoutExemplars().build();
    private final Counter failures = Counter.builder().name("lvsd_check_failures_total")
            .help("Check runs that failed, by reason.").labelNames("virtual", "real", "reason")
            .withoutExemplars().build();

    public void register(PrometheusRegistry registry) {
        registry.register(duration);
        registry.register(failures);
    }

    @Override
    public void finished(String key, CheckResult result, Duration took) {
        String[] vr = virtualAndReal(key);
        duration.labelValues(vr).observe(took.toNanos() / 1e9);
        if (!result.isUp()) {
            failures.labelValues(vr[0], vr[1], reason(result)).inc();
        }
    }

    @Override
    public void retain(Set<String> keys) {
        duration.removeIf(l -> !keys.contains(l.get(0) + " " + l.get(1)));
        failures.removeIf(l -> !keys.contains(l.get(0) + " " + l.get(1)));
    }

    /** A check key {@code tcp:192.0.2.1:80 10.0.0.2:80} as its two labels. */
    static String[] virtualAndReal(String key) {
        int space = key.lastIndexOf(' ');
        return new String[] {key.substring(0, space), key.substring(space + 1)};
    }

    /**
     * A failure's class, few and fixed so the label stays small: timeout, refused, reset, unreachable,
     * http_status (an unexpected status code), bad_response (the answer did not match), other. The probes give a
     * free-text reason; these are the words they use.
     */
    static String reason(CheckResult r) {
        if (r instanceof CheckResult.TimedOut) {
            return "timeout";
        }
        String s = r.describe().toLowerCase(Locale.ROOT);
        if (s.contains("timed out")) {
            return "timeout";
        } else if (s.contains("refused")) {
            return "refused";
        } else if (s.contains("reset") || s.contains("broken pipe")) {
            return "reset";
        } else if (s.contains("unreachable") || s.contains("no route")) {
            return "unreachable";
        } else if (s.contains("match") || s.contains("no rows") || s.contains("no result") || s.contains("want exactly")
                || s.contains("reject")) {
            return "bad_response";
        } else if (s.matches("http (status )?[0-9]{3}.*")) {
            return "http_status";
        }
        return "other";
    }
}
