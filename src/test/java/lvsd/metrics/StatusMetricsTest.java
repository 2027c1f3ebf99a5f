package lvsd.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import lvsd.status.StatusSnapshot;
import org.junit.jupiter.api.Test;

class StatusMetricsTest {

    private static StatusSnapshot snapshot(String phase) {
        return new StatusSnapshot(StatusSnapshot.VERSION,
                new StatusSnapshot.Daemon(1, "/etc/lvsd/l.cf", "2026-12-01T10:00:00Z", phase, "ab", 3,
                        new StatusSnapshot.Reloads(2, 1), new StatusSnapshot.Cycles(120, 4),
                        new StatusSnapshot.KernelChanges(14, 5), 6),
                new StatusSnapshot.Director(2, 1, 7, List.of()), StatusSnapshot.Checks.NONE, null);
    }

    @Test
    void everyMetricComesFromTheSnapshotUnderItsEstablishedName() {
        String text = StatusMetrics.render(snapshot("running"));
        assertThat(text.lines().filter(l -> !l.startsWith("#"))).containsExactly(
                "lvsd_config_generation 3",
                "lvsd_reloads_total{result=\"accepted\"} 2",
                "lvsd_reloads_total{result=\"rejected\"} 1",
                "lvsd_reconcile_cycles_total 120",
                "lvsd_reconcile_failures_total 4",
                "lvsd_ipvs_changes_total{result=\"applied\"} 14",
                "lvsd_ipvs_changes_total{result=\"failed\"} 5",
                "lvsd_callbacks_total 6",
                "lvsd_up 1",
                "lvsd_owned_services 2",
                "lvsd_draining_destinations 1",
                "lvsd_fallbackcommands_total 7");
        assertThat(text).contains("# TYPE lvsd_reloads_total counter\n").contains("# TYPE lvsd_up gauge\n");
    }

    @Test
    void upIsZeroOutsideTheRunningPhase() {
        assertThat(StatusMetrics.render(snapshot("stopping"))).contains("\nlvsd_up 0\n");
    }
}
