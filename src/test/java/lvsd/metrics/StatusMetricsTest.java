package lvsd.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lvsd.status.StatusSnapshot;
import org.junit.jupiter.api.Test;

class StatusMetricsTest {

    private static StatusSnapshot.Daemon daemon(String phase) {
        return new StatusSnapshot.Daemon(1, "/etc/lvsd/l.cf", "2026-12-01T10:00:00Z", phase, "ab", 3,
                new StatusSnapshot.Reloads(2, 1), new StatusSnapshot.Cycles(120, 4),
                new StatusSnapshot.KernelChanges(14, 5), 6);
    }

    private static StatusSnapshot bare(String phase) {
        return new StatusSnapshot(StatusSnapshot.VERSION, daemon(phase),
                new StatusSnapshot.Director(2, 1, 7, List.of()), StatusSnapshot.Checks.NONE, null);
    }

    /** Two virtuals (TCP with a fallback in use, an IPv6 fwmark one), checks, one VRRP instance. */
    static StatusSnapshot full() {
        StatusSnapshot.Director dir = new StatusSnapshot.Director(2, 1, 7, List.of(
                new StatusSnapshot.Virtual("-t 192.0.2.1:80", true, List.of(
                        new StatusSnapshot.Real("10.0.0.2:80", "removed", 0, false, false),
                        new StatusSnapshot.Real("10.0.0.3:8080", "draining", 0, false, true,
                                new StatusSnapshot.Traffic(3, 4, 50, 500, 400, 60000, 4000000)),
                        new StatusSnapshot.Real("127.0.0.1:80", "fallback", 1, true, false,
                                new StatusSnapshot.Traffic(1, 0, 7, 70, 60, 7000, 6000))),
                        new StatusSnapshot.Traffic(0, 0, 57, 570, 460, 67000, 4006000)),
                new StatusSnapshot.Virtual("-f 5 -6", false, List.of(
                        new StatusSnapshot.Real("[2001:db8::2]:0", "up", 5, false, false)))));
        StatusSnapshot.Checks checks = new StatusSnapshot.Checks(2, 1, 1, new StatusSnapshot.Runs(40, 38, 3), List.of(
                new StatusSnapshot.Check("tcp:192.0.2.1:80 10.0.0.2:80", "10.0.0.2:80", "connect", "down",
                        "connection refused", "2026-12-01T10:00:05Z"),
                new StatusSnapshot.Check("fwm:5 [2001:db8::2]:0", "[2001:db8::2]:80", "http", "up", "ok",
                        "2026-12-01T10:00:04Z"),
                new StatusSnapshot.Check("fwm:5 [2001:db8::3]:0", "[2001:db8::3]:80", "http", "unknown", "", "")));
        Map<String, Long> c = new LinkedHashMap<>();
        c.put("adverts_sent", 11L);
        c.put("adverts_received", 12L);
        c.put("priority_zero_sent", 1L);
        c.put("priority_zero_received", 2L);
        c.put("became_master", 3L);
        c.put("left_master", 2L);
        c.put("garps_sent", 15L);
        c.put("address_list_mismatch", 0L);
        c.put("send_errors", 0L);
        c.put("drop_auth", 4L);
        c.put("drop_ttl", 1L);
        c.put("drops_total", 5L);
        StatusSnapshot.Vrrp vrrp = new StatusSnapshot.Vrrp(
                List.of(new StatusSnapshot.Instance("VI_1", "MASTER", 110, 100, 51, "eth0", false, "", List.of(), c)),
                List.of(new StatusSnapshot.InterfaceCounters("eth0", Map.of("drop_unknown_vrid", 9L,
                        "drops_total", 9L))));
        return new StatusSnapshot(StatusSnapshot.VERSION, daemon("running"), dir, checks, vrrp);
    }

    private static List<String> samples(String text) {
        return text.lines().filter(l -> !l.startsWith("#")).toList();
    }

    @Test
    void processFamiliesKeepTheirEstablishedNames() {
        String text = StatusMetrics.render(bare("running"));
        assertThat(samples(text)).contains(
                "lvsd_up 1.0",
                "lvsd_config_generation 3.0",
                "lvsd_reloads_total{result=\"accepted\"} 2.0",
                "lvsd_reloads_total{result=\"rejected\"} 1.0",
                "lvsd_reconcile_cycles_total 120.0",
                "lvsd_reconcile_failures_total 4.0",
                "lvsd_ipvs_changes_total{result=\"applied\"} 14.0",
                "lvsd_ipvs_changes_total{result=\"failed\"} 5.0",
                "lvsd_callbacks_total 6.0",
                "lvsd_owned_services 2.0",
                "lvsd_draining_destinations 1.0",
                "lvsd_fallbackcommands_total 7.0");
        assertThat(text).contains("# TYPE lvsd_reloads_total counter\n").contains("# TYPE lvsd_up gauge\n")
                .contains("# HELP lvsd_reloads_total Reloads by result.\n");
    }

    @Test
    void upIsZeroOutsideTheRunningPhase() {
        assertThat(StatusMetrics.render(bare("stopping"))).contains("\nlvsd_up 0.0\n");
    }

    @Test
    void backendsCarryNodeExporterLabelsWithTheirService() {
        List<String> s = samples(StatusMetrics.render(full()));
        String tcp = "local_address=\"192.0.2.1\",local_mark=\"\",local_port=\"80\",proto=\"TCP\",";
        String fwm = "local_address=\"\",local_mark=\"5\",local_port=\"\",proto=\"FWM\",";
        assertThat(s).contains(
                "lvsd_ipvs_backend_weight{" + tcp + "remote_address=\"10.0.0.2\",remote_port=\"80\"} 0.0",
                "lvsd_ipvs_backend_weight{" + tcp + "remote_address=\"127.0.0.1\",remote_port=\"80\"} 1.0",
                "lvsd_ipvs_backend_weight{" + fwm + "remote_address=\"2001:db8::2\",remote_port=\"0\"} 5.0",
                "lvsd_real_up{" + tcp + "remote_address=\"10.0.0.2\",remote_port=\"80\"} 0.0",
                "lvsd_real_up{" + fwm + "remote_address=\"2001:db8::2\",remote_port=\"0\"} 1.0",
                "lvsd_real_state{" + tcp + "remote_address=\"10.0.0.3\",remote_port=\"8080\",state=\"draining\"} 1.0",
                "lvsd_real_state{" + tcp + "remote_address=\"10.0.0.3\",remote_port=\"8080\",state=\"up\"} 0.0",
                "lvsd_fallback_active{local_address=\"192.0.2.1\",local_mark=\"\",local_port=\"80\",proto=\"TCP\"} 1.0",
                "lvsd_fallback_active{local_address=\"\",local_mark=\"5\",local_port=\"\",proto=\"FWM\"} 0.0");
        // the fallback is in the table (weight) but is not a real: no up/state series
        assertThat(s).filteredOn(l -> l.startsWith("lvsd_real_") && l.contains("127.0.0.1")).isEmpty();
        // one state series per known state and real: 3 reals x 5 states
        assertThat(s).filteredOn(l -> l.startsWith("lvsd_real_state{")).hasSize(15)
                .filteredOn(l -> l.endsWith(" 1.0")).hasSize(3);
    }

    @Test
    void kernelCountersOfTheLastDumpPerServiceAndPerBackend() {
        List<String> s = samples(StatusMetrics.render(full()));
        String svc = "local_address=\"192.0.2.1\",local_mark=\"\",local_port=\"80\",proto=\"TCP\"";
        String b = "{" + svc + ",remote_address=\"10.0.0.3\",remote_port=\"8080\"}";
        assertThat(s).contains(
                "lvsd_ipvs_backend_connections_active" + b + " 3.0",
                "lvsd_ipvs_backend_connections_inactive" + b + " 4.0",
                "lvsd_ipvs_backend_connections_total" + b + " 50.0",
                "lvsd_ipvs_backend_incoming_packets_total" + b + " 500.0",
                "lvsd_ipvs_backend_outgoing_packets_total" + b + " 400.0",
                "lvsd_ipvs_backend_incoming_bytes_total" + b + " 60000.0",
                "lvsd_ipvs_backend_outgoing_bytes_total" + b + " 4000000.0",
                "lvsd_ipvs_service_connections_total{" + svc + "} 57.0",
                "lvsd_ipvs_service_incoming_packets_total{" + svc + "} 570.0",
                "lvsd_ipvs_service_outgoing_packets_total{" + svc + "} 460.0",
                "lvsd_ipvs_service_incoming_bytes_total{" + svc + "} 67000.0",
                "lvsd_ipvs_service_outgoing_bytes_total{" + svc + "} 4006000.0");
        // entries not in the dump (10.0.0.2, the fwmark service) have no kernel series
        assertThat(s).filteredOn(l -> l.startsWith("lvsd_ipvs_backend_connections_active")).hasSize(2);
        assertThat(s).filteredOn(l -> l.startsWith("lvsd_ipvs_service_connections_total")).hasSize(1);
    }

    @Test
    void checkFamilies() {
        assertThat(samples(StatusMetrics.render(full()))).contains(
                "lvsd_checks{result=\"up\"} 1.0",
                "lvsd_checks{result=\"down\"} 1.0",
                "lvsd_checks{result=\"unknown\"} 1.0",
                "lvsd_check_runs_distinct 2.0",
                "lvsd_check_runs_started_total 40.0",
                "lvsd_check_runs_completed_total 38.0",
                "lvsd_check_runs_timed_out_total 3.0");
    }

    @Test
    void vrrpFamiliesUseKeepalivedExporterLabelsAndNoStateOnCounters() {
        String text = StatusMetrics.render(full());
        String vi = "{iname=\"VI_1\",intf=\"eth0\",vrid=\"51\"}";
        assertThat(samples(text)).contains(
                "lvsd_vrrp_state" + vi + " 2.0",
                "lvsd_vrrp_effective_priority" + vi + " 110.0",
                "lvsd_vrrp_base_priority" + vi + " 100.0",
                "lvsd_vrrp_adverts_sent_total" + vi + " 11.0",
                "lvsd_vrrp_adverts_received_total" + vi + " 12.0",
                "lvsd_vrrp_priority_zero_sent_total" + vi + " 1.0",
                "lvsd_vrrp_priority_zero_received_total" + vi + " 2.0",
                "lvsd_vrrp_became_master_total" + vi + " 3.0",
                "lvsd_vrrp_left_master_total" + vi + " 2.0",
                "lvsd_vrrp_garps_sent_total" + vi + " 15.0",
                "lvsd_vrrp_address_list_mismatch_total" + vi + " 0.0",
                "lvsd_vrrp_send_errors_total" + vi + " 0.0",
                "lvsd_vrrp_dropped_total{iname=\"VI_1\",intf=\"eth0\",reason=\"auth\",vrid=\"51\"} 4.0",
                "lvsd_vrrp_dropped_total{iname=\"VI_1\",intf=\"eth0\",reason=\"ttl\",vrid=\"51\"} 1.0",
                "lvsd_vrrp_interface_dropped_total{intf=\"eth0\",reason=\"unknown_vrid\"} 9.0");
        // drops_total is the sum of the reasons: Prometheus sums; a "total" reason would count twice
        assertThat(text).doesNotContain("reason=\"s_total\"").doesNotContain("drops_total");
        assertThat(samples(text)).filteredOn(l -> l.contains("_total{") && l.contains("state=")).isEmpty();
        assertThat(text).contains("# TYPE lvsd_vrrp_adverts_sent_total counter\n");
    }

    @Test
    void vrrpStatesAreKeepalivedsNumbers() {
        assertThat(List.of("INIT", "BACKUP", "MASTER", "FAULT", "RESIGNING").stream()
                .map(StatusMetrics::vrrpState)).containsExactly(0, 1, 2, 3, 2);
        assertThatThrownBy(() -> StatusMetrics.vrrpState("STOP")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void serviceLabelsForEachProtocol() {
        assertThat(StatusMetrics.service("-u [2001:db8::1]:53")).containsExactly(
                "local_address", "2001:db8::1", "local_port", "53", "proto", "UDP", "local_mark", "");
        assertThat(StatusMetrics.service("--sctp-service 192.0.2.9:38412")).containsExactly(
                "local_address", "192.0.2.9", "local_port", "38412", "proto", "SCTP", "local_mark", "");
        assertThat(StatusMetrics.service("-f 7")).containsExactly(
                "local_address", "", "local_port", "", "proto", "FWM", "local_mark", "7");
    }

    @Test
    void noVrrpFamiliesWithoutVrrp() {
        assertThat(StatusMetrics.render(bare("running"))).doesNotContain("lvsd_vrrp_");
    }

    @Test
    void theDaemonRegistryAddsTheJvmFamiliesAndReadsTheLatestSnapshotAtEachScrape() {
        StatusSnapshot[] latest = {null};
        DaemonMetrics m = new DaemonMetrics(() -> latest[0]);
        String before = m.scrape();
        assertThat(before).contains("# TYPE jvm_memory_used_bytes gauge").contains("jvm_threads_current")
                .doesNotContain("lvsd_");
        latest[0] = bare("running");
        assertThat(m.scrape()).contains("\nlvsd_up 1.0\n").contains("jvm_memory_used_bytes");
        latest[0] = bare("stopping");
        assertThat(m.scrape()).contains("\nlvsd_up 0.0\n");
    }
}
