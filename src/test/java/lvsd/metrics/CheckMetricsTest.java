package lvsd.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.Set;
import lvsd.check.CheckResult;
import org.junit.jupiter.api.Test;

class CheckMetricsTest {

    private static final String A = "tcp:192.0.2.1:80 10.0.0.2:80";
    private static final String B = "tcp:192.0.2.1:80 10.0.0.3:80";

    private final CheckMetrics metrics = new CheckMetrics();
    private final PrometheusRegistry registry = new PrometheusRegistry();

    private String scrape() {
        return StatusMetrics.text(registry.scrape());
    }

    @Test
    void eachRunIsCountedInItsChecksHistogramAndEachFailureUnderItsReason() {
        metrics.register(registry);
        metrics.finished(A, CheckResult.Up.PLAIN, Duration.ofMillis(3));
        metrics.finished(A, CheckResult.Up.PLAIN, Duration.ofMillis(30));
        metrics.finished(B, new CheckResult.Down("connect 10.0.0.3:80: Connection refused"), Duration.ofMillis(1));
        metrics.finished(B, new CheckResult.TimedOut("no result within 3000 ms"), Duration.ofSeconds(3));

        String text = scrape();
        String a = "real=\"10.0.0.2:80\",virtual=\"tcp:192.0.2.1:80\"";
        assertThat(text).contains("lvsd_check_duration_seconds_bucket{" + a + ",le=\"0.001\"} 0\n")
                .contains("lvsd_check_duration_seconds_bucket{" + a + ",le=\"0.005\"} 1\n")
                .contains("lvsd_check_duration_seconds_bucket{" + a + ",le=\"0.05\"} 2\n")
                .contains("lvsd_check_duration_seconds_count{" + a + "} 2\n")
                .contains("lvsd_check_duration_seconds_sum{" + a + "} 0.033\n")
                .contains("lvsd_check_failures_total{real=\"10.0.0.3:80\",reason=\"refused\",virtual=\"tcp:192.0.2.1:80\"} 1.0\n")
                .contains("lvsd_check_failures_total{real=\"10.0.0.3:80\",reason=\"timeout\",virtual=\"tcp:192.0.2.1:80\"} 1.0\n")
                .doesNotContain("lvsd_check_failures_total{real=\"10.0.0.2:80\"");
    }

    @Test
    void aCheckNoLongerRegisteredDisappears() {
        metrics.register(registry);
        metrics.finished(A, CheckResult.Up.PLAIN, Duration.ofMillis(3));
        metrics.finished(B, new CheckResult.Down("HTTP status 500"), Duration.ofMillis(3));
        metrics.retain(Set.of(A));
        assertThat(scrape()).contains("real=\"10.0.0.2:80\"").doesNotContain("10.0.0.3");
    }

    @Test
    void failureReasonsFallIntoAFewFixedClasses() {
        assertThat(CheckMetrics.reason(new CheckResult.TimedOut("x"))).isEqualTo("timeout");
        assertThat(CheckMetrics.reason(new CheckResult.Down("check command timed out"))).isEqualTo("timeout");
        assertThat(CheckMetrics.reason(new CheckResult.Down("connect 10.0.0.3:80: Connection refused")))
                .isEqualTo("refused");
        assertThat(CheckMetrics.reason(new CheckResult.Down("http 10.0.0.3:80: Connection reset by peer")))
                .isEqualTo("reset");
        assertThat(CheckMetrics.reason(new CheckResult.Down("connect 10.0.0.3:80: No route to host")))
                .isEqualTo("unreachable");
        assertThat(CheckMetrics.reason(new CheckResult.Down("HTTP status 503"))).isEqualTo("http_status");
        assertThat(CheckMetrics.reason(new CheckResult.Down("HTTP 200 but body does not match /ok/")))
                .isEqualTo("bad_response");
        assertThat(CheckMetrics.reason(new CheckResult.Down("PostgreSQL query returned no rows"))).isEqualTo("bad_response");
        assertThat(CheckMetrics.reason(new CheckResult.Down("check command exited 1"))).isEqualTo("other");
    }
}
