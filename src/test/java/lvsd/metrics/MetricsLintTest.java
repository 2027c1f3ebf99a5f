package lvsd.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Prometheus's own linter on a full scrape (every lvsd family with data, and the JVM families). promtool comes
 * with Debian's prometheus package (tests/apt-packages.txt): when scripts/test installed the packages
 * (LVSD_PACKAGES_INSTALLED=1) a missing promtool fails the test; a bare mvn run without it skips.
 */
class MetricsLintTest {

    private static Path promtool() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path p = Path.of(dir, "promtool");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    @Test
    void promtoolFindsNothingToComplainAbout() throws IOException, InterruptedException {
        Path promtool = promtool();
        if (promtool == null) {
            if ("1".equals(System.getenv("LVSD_PACKAGES_INSTALLED"))) {
                fail("promtool not found although scripts/test installed tests/apt-packages.txt (prometheus)");
            }
            Assumptions.abort("promtool not installed (Debian package prometheus)");
        }
        CheckMetrics checks = new CheckMetrics();
        checks.finished("tcp:192.0.2.1:80 10.0.0.2:80", lvsd.check.CheckResult.Up.PLAIN, java.time.Duration.ofMillis(3));
        checks.finished("tcp:192.0.2.1:80 10.0.0.3:80", new lvsd.check.CheckResult.TimedOut("no result within 3000 ms"),
                java.time.Duration.ofSeconds(3));
        String scrape = new DaemonMetrics(StatusMetricsTest::full, java.util.Optional.of(checks)).scrape();
        org.assertj.core.api.Assertions.assertThat(scrape).contains("lvsd_check_duration_seconds_bucket{")
                .contains("lvsd_check_failures_total{");
        assertThat(scrape).contains("lvsd_vrrp_state{").contains("lvsd_real_state{").contains("jvm_memory_used_bytes");
        Process p = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
        try (var in = p.getOutputStream()) {
            in.write(scrape.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(out).as("promtool check metrics").isEmpty();
        assertThat(p.exitValue()).isZero();
    }

    @Test
    void theLinterDoesComplainAboutABadScrape() throws IOException, InterruptedException {
        Path promtool = promtool();
        Assumptions.assumeTrue(promtool != null, "promtool not installed");
        // proves the assertion above can fail: a counter without _total and without help
        Process p = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
        try (var in = p.getOutputStream()) {
            in.write("# TYPE lvsd_bad counter\nlvsd_bad 1\n".getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(out).contains("lvsd_bad");
        assertThat(p.exitValue()).isNotZero();
    }
}
