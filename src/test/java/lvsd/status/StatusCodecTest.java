package lvsd.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusCodecTest {

    private static Map<String, Long> counters(long sent, long received) {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("adverts_sent", sent);
        m.put("adverts_received", received);
        m.put("drops_total", 0L);
        return m;
    }

    /** Every record and every kind of field, with values that would show a lost or swapped one. */
    static StatusSnapshot full() {
        return new StatusSnapshot(StatusSnapshot.VERSION,
                new StatusSnapshot.Daemon(4242, "/etc/lvsd/ldirectord.cf", "2026-12-01T10:00:00Z", "running",
                        "9f86d081884c7d659a2feaa0c55ad015", 3, new StatusSnapshot.Reloads(2, 1),
                        new StatusSnapshot.Cycles(120, 4), new StatusSnapshot.KernelChanges(14, 5), 6),
                new StatusSnapshot.Director(2, 1, 7, List.of(
                        new StatusSnapshot.Virtual("-t 192.0.2.1:80", false, List.of(
                                new StatusSnapshot.Real("10.0.0.2:80", "up", 5, false, false,
                                new StatusSnapshot.Traffic(2, 1, 30, 300, 200, 40000, 90000)),
                                new StatusSnapshot.Real("10.0.0.3:80", "draining", 0, false, true))),
                        new StatusSnapshot.Virtual("-u [2001:db8::1]:53", true, List.of(
                                new StatusSnapshot.Real("[2001:db8::9]:53", "fallback", 1, true, false))))),
                new StatusSnapshot.Checks(2, 1, 1, new StatusSnapshot.Runs(50, 48, 3), List.of(
                        new StatusSnapshot.Check("tcp:192.0.2.1:80 10.0.0.2:80", "10.0.0.2:80", "http", "up",
                                "HTTP 200 \"ok\"\nsecond line", "2026-12-01T10:00:05Z"),
                        new StatusSnapshot.Check("tcp:192.0.2.1:80 10.0.0.3:80", "10.0.0.3:80", "connect", "unknown",
                                "", ""))),
                new StatusSnapshot.Vrrp(List.of(
                        new StatusSnapshot.Instance("VI_1", "BACKUP", 100, 150, 51, "eth0", true, "track_virtual web",
                                List.of(new StatusSnapshot.Tracker("virtual", "web", -50, false, -50),
                                        new StatusSnapshot.Tracker("interface", "eth1", 0, true, 0)),
                                counters(120, 3))),
                        List.of(new StatusSnapshot.InterfaceCounters("eth0", Map.of("drop_bad_checksum", 17L)))));
    }

    @Test
    void aSnapshotSurvivesJsonUnchanged() {
        StatusSnapshot s = full();
        String json = StatusCodec.write(s);
        assertThat(StatusCodec.read(json)).isEqualTo(s);
        assertThat(StatusCodec.write(StatusCodec.read(json))).as("and writes the same text again").isEqualTo(json);
    }

    @Test
    void withoutVrrpItIsNull() {
        StatusSnapshot s = new StatusSnapshot(StatusSnapshot.VERSION, full().daemon(), StatusSnapshot.Director.NONE,
                StatusSnapshot.Checks.NONE, null);
        String json = StatusCodec.write(s);
        assertThat(json).endsWith(",\"vrrp\":null}\n");
        assertThat(StatusCodec.read(json)).isEqualTo(s);
    }

    @Test
    void theFileIsOneCompactLineInTheDocumentedLayout() {
        String json = StatusCodec.write(full());
        assertThat(json).hasLineCount(1).endsWith("}\n")
                .startsWith("{\"version\":2,\"daemon\":{\"pid\":4242,\"config\":\"/etc/lvsd/ldirectord.cf\","
                        + "\"started\":\"2026-12-01T10:00:00Z\",\"phase\":\"running\","
                        + "\"config_sha256\":\"9f86d081884c7d659a2feaa0c55ad015\",\"generation\":3,"
                        + "\"reloads\":{\"accepted\":2,\"rejected\":1},\"cycles\":{\"total\":120,\"failed\":4},"
                        + "\"kernel_changes\":{\"applied\":14,\"failed\":5},\"callbacks\":6},"
                        + "\"director\":{\"owned_services\":2,\"draining\":1,\"fallback_commands\":7,\"virtuals\":["
                        + "{\"service\":\"-t 192.0.2.1:80\",\"fallback_in_use\":false,\"reals\":["
                        + "{\"real\":\"10.0.0.2:80\",\"state\":\"up\",\"weight\":5,\"fallback\":false,\"draining\":false,"
                        + "\"ipvs\":{\"active_conns\":2,\"inactive_conns\":1,\"conns\":30,\"in_pkts\":300,"
                        + "\"out_pkts\":200,\"in_bytes\":40000,\"out_bytes\":90000}},")
                .contains("\"checks\":{\"distinct\":2,\"up\":1,\"down\":1,"
                        + "\"runs\":{\"started\":50,\"completed\":48,\"timed_out\":3},\"targets\":[")
                .contains("\"reason\":\"HTTP 200 \\\"ok\\\"\\nsecond line\"")
                .contains("\"trackers\":[{\"kind\":\"virtual\",\"name\":\"web\",\"weight\":-50,\"ok\":false,"
                        + "\"contribution\":-50}")
                .contains("\"counters\":{\"adverts_sent\":120,\"adverts_received\":3,\"drops_total\":0}")
                .doesNotContain("describe").doesNotContain("\"running\":");
        // the first "total" is the cycles' (tests/kernel/run_reload.sh greps for it)
        assertThat(json.indexOf("\"total\":")).isEqualTo(json.indexOf("\"cycles\":{\"total\":") + 10);
    }

    @Test
    void unknownFieldsAreIgnoredAndBrokenDocumentsRefused() {
        String json = StatusCodec.write(full()).replace("\"version\":2,", "\"version\":2,\"added_later\":[1,{}],");
        assertThat(StatusCodec.read(json)).isEqualTo(full());
        assertThatThrownBy(() -> StatusCodec.read("{\"version\":2,\"daemon\":{\"pid\":")).isInstanceOf(
                IllegalArgumentException.class).hasMessageContaining("not a status document");
        assertThatThrownBy(() -> StatusCodec.read("{\"version\":2}")).as("daemon is required")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StatusCodec.read("null")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void vrrpTextIsTheDocumentedLines() {
        assertThat(VrrpStatusText.render(full().vrrp())).isEqualTo("""
                instance VI_1 state BACKUP priority 100 base 150 vrid 51 iface eth0 fault yes
                counter VI_1 adverts_sent 120
                counter VI_1 adverts_received 3
                counter VI_1 drops_total 0
                counter iface:eth0 drop_bad_checksum 17
                """);
    }
}
