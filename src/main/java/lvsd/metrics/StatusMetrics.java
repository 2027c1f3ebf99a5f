package lvsd.metrics;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import lvsd.status.StatusSnapshot;

/**
 * The daemon's metric families, built from one status snapshot (the same one the status file shows) as the
 * Prometheus client's model, so the client's writer does the exposition format. Pure: a snapshot in, families
 * out; docs/metrics.md lists every family. Counters carry no state label (a transition would start a new
 * series); backends are labelled with their service too, in node_exporter's IPVS label names.
 */
public final class StatusMetrics {
    private StatusMetrics() {}

    /** Backend label names, node_exporter's (collector/ipvs_linux.go). */
    static final String[] BACKEND = {"local_address", "local_port", "remote_address", "remote_port", "proto",
        "local_mark"};

    /** Real states as the director names them; lvsd_real_state has one series per state, 1 for the current. */
    static final List<String> REAL_STATES = List.of("pending", "up", "quiesced", "removed", "draining");

    /** The families of one snapshot (the writer sorts them by name). */
    public static MetricSnapshots families(StatusSnapshot s) {
        List<MetricSnapshot> out = new ArrayList<>();
        StatusSnapshot.Daemon d = s.daemon();
        out.add(gauge("lvsd_up", "1 while the daemon is running.", g -> g.add(d.running() ? 1 : 0)));
        out.add(gauge("lvsd_config_generation", "Config generation in force: 1 at start, +1 per accepted reload.",
                g -> g.add(d.generation())));
        out.add(counter("lvsd_reloads", "Reloads by result.", c -> {
            c.add(d.reloads().accepted(), "result", "accepted");
            c.add(d.reloads().rejected(), "result", "rejected");
        }));
        out.add(counter("lvsd_reconcile_cycles", "Reconcile cycles run.", c -> c.add(d.cycles().total())));
        out.add(counter("lvsd_reconcile_failures",
                "Reconcile cycles that failed as a whole (for example the kernel dump failed).",
                c -> c.add(d.cycles().failed())));
        out.add(counter("lvsd_ipvs_changes", "IPVS changes by result.", c -> {
            c.add(d.kernelChanges().applied(), "result", "applied");
            c.add(d.kernelChanges().failed(), "result", "failed");
        }));
        out.add(counter("lvsd_callbacks", "callback= programs launched.", c -> c.add(d.callbacks())));

        StatusSnapshot.Director dir = s.director();
        out.add(gauge("lvsd_owned_services", "Virtual services lvsd manages.", g -> g.add(dir.ownedServices())));
        out.add(gauge("lvsd_draining_destinations", "Destinations being drained.", g -> g.add(dir.draining())));
        out.add(counter("lvsd_fallbackcommands", "fallbackcommand runs launched.",
                c -> c.add(dir.fallbackCommands())));
        out.add(gauge("lvsd_ipvs_backend_weight",
                "Weight of each real (and fallback) in the IPVS table, as the director last placed it.", g -> {
                    for (StatusSnapshot.Virtual v : dir.virtuals()) {
                        for (StatusSnapshot.Real r : v.reals()) {
                            g.add(r.weight(), backend(v.service(), r.real()));
                        }
                    }
                }));
        kernel(dir, out);
        out.add(gauge("lvsd_real_up", "1 when the real is in rotation (state up), else 0; fallbacks excluded.",
                g -> eachReal(dir, (v, r) -> g.add(r.state().equals("up") ? 1 : 0, backend(v.service(), r.real())))));
        out.add(gauge("lvsd_real_state", "1 for the real's current state, 0 for the others.",
                g -> eachReal(dir, (v, r) -> {
                    for (String st : REAL_STATES) {
                        g.add(r.state().equals(st) ? 1 : 0, with(backend(v.service(), r.real()), "state", st));
                    }
                })));
        out.add(gauge("lvsd_fallback_active", "1 while the virtual's fallback server is in the table.", g -> {
            for (StatusSnapshot.Virtual v : dir.virtuals()) {
                g.add(v.fallbackInUse() ? 1 : 0, service(v.service()));
            }
        }));

        StatusSnapshot.Checks ch = s.checks();
        out.add(gauge("lvsd_checks", "Registered checks by their last result.", g -> {
            g.add(ch.up(), "result", "up");
            g.add(ch.down(), "result", "down");
            g.add(ch.targets().stream().filter(t -> t.result().equals("unknown")).count(), "result", "unknown");
        }));
        out.add(gauge("lvsd_check_runs_distinct", "Distinct check runs the registered checks need.",
                g -> g.add(ch.distinct())));
        out.add(counter("lvsd_check_runs_started", "Check runs started.", c -> c.add(ch.runs().started())));
        out.add(counter("lvsd_check_runs_completed", "Check runs completed (timed-out runs included).",
                c -> c.add(ch.runs().completed())));
        out.add(counter("lvsd_check_runs_timed_out", "Check runs that timed out.",
                c -> c.add(ch.runs().timedOut())));

        if (s.vrrp() != null) {
            vrrp(s.vrrp(), out);
        }
        return new MetricSnapshots(out);
    }

    /** Counters of one Traffic record: metric suffix, help, value. */
    private record TrafficCounter(String suffix, String help, java.util.function.ToLongFunction<StatusSnapshot.Traffic> value) {}

    private static final List<TrafficCounter> TRAFFIC = List.of(
            new TrafficCounter("connections", "Connections scheduled", StatusSnapshot.Traffic::conns),
            new TrafficCounter("incoming_packets", "Packets in", StatusSnapshot.Traffic::inPkts),
            new TrafficCounter("outgoing_packets", "Packets out", StatusSnapshot.Traffic::outPkts),
            new TrafficCounter("incoming_bytes", "Bytes in", StatusSnapshot.Traffic::inBytes),
            new TrafficCounter("outgoing_bytes", "Bytes out", StatusSnapshot.Traffic::outBytes));

    /** The kernel's counters of each service and destination in the loop's last dump (entries not in it: none). */
    private static void kernel(StatusSnapshot.Director dir, List<MetricSnapshot> out) {
        out.add(gauge("lvsd_ipvs_backend_connections_active", "Active connections of each destination (kernel).",
                g -> eachTraffic(dir, (v, r, t) -> g.add(t.activeConns(), backend(v.service(), r.real())))));
        out.add(gauge("lvsd_ipvs_backend_connections_inactive", "Inactive connections of each destination (kernel).",
                g -> eachTraffic(dir, (v, r, t) -> g.add(t.inactiveConns(), backend(v.service(), r.real())))));
        for (TrafficCounter tc : TRAFFIC) {
            out.add(counter("lvsd_ipvs_service_" + tc.suffix(), tc.help() + " by the virtual service (kernel).",
                    c -> dir.virtuals().stream().filter(v -> v.ipvs() != null)
                            .forEach(v -> c.add(tc.value().applyAsLong(v.ipvs()), service(v.service())))));
            out.add(counter("lvsd_ipvs_backend_" + tc.suffix(), tc.help() + " by the destination (kernel).",
                    c -> eachTraffic(dir, (v, r, t) -> c.add(tc.value().applyAsLong(t), backend(v.service(), r.real())))));
        }
    }

    private interface TrafficPoint {
        void accept(StatusSnapshot.Virtual v, StatusSnapshot.Real r, StatusSnapshot.Traffic t);
    }

    private static void eachTraffic(StatusSnapshot.Director dir, TrafficPoint each) {
        for (StatusSnapshot.Virtual v : dir.virtuals()) {
            for (StatusSnapshot.Real r : v.reals()) {
                if (r.ipvs() != null) {
                    each.accept(v, r, r.ipvs());
                }
            }
        }
    }

    private static void vrrp(StatusSnapshot.Vrrp vrrp, List<MetricSnapshot> out) {
        List<StatusSnapshot.Instance> is = vrrp.instances();
        out.add(gauge("lvsd_vrrp_state",
                "VRRP state, keepalived's values: 0 init, 1 backup, 2 master (also while resigning), 3 fault.",
                g -> is.forEach(i -> g.add(vrrpState(i.state()), instance(i)))));
        out.add(gauge("lvsd_vrrp_effective_priority", "Priority advertised: base plus tracker contributions.",
                g -> is.forEach(i -> g.add(i.priority(), instance(i)))));
        out.add(gauge("lvsd_vrrp_base_priority", "Configured priority.",
                g -> is.forEach(i -> g.add(i.base(), instance(i)))));
        for (Map.Entry<String, String> e : VRRP_COUNTERS.entrySet()) {
            out.add(counter("lvsd_vrrp_" + e.getKey(), e.getValue(),
                    c -> is.forEach(i -> c.add(i.counters().getOrDefault(e.getKey(), 0L), instance(i)))));
        }
        out.add(counter("lvsd_vrrp_dropped", "Adverts an instance dropped, by reason.",
                c -> is.forEach(i -> drops(i.counters(), (reason, n) -> c.add(n, with(instance(i), "reason", reason))))));
        out.add(counter("lvsd_vrrp_interface_dropped",
                "Packets dropped on an interface before an instance was known, by reason.",
                c -> vrrp.interfaces().forEach(f -> drops(f.counters(),
                        (reason, n) -> c.add(n, new String[] {"intf", f.iface(), "reason", reason})))));
    }

    /** Instance counters (status names, docs/vrrp.md) that become lvsd_vrrp_NAME_total. */
    private static final Map<String, String> VRRP_COUNTERS = new LinkedHashMap<>();

    static {
        VRRP_COUNTERS.put("adverts_sent", "Adverts sent.");
        VRRP_COUNTERS.put("adverts_received", "Adverts received and accepted by the instance.");
        VRRP_COUNTERS.put("priority_zero_sent", "Priority-0 (resign) adverts sent.");
        VRRP_COUNTERS.put("priority_zero_received", "Priority-0 (resign) adverts received.");
        VRRP_COUNTERS.put("became_master", "Transitions to master.");
        VRRP_COUNTERS.put("left_master", "Transitions out of master.");
        VRRP_COUNTERS.put("garps_sent", "Gratuitous ARPs and unsolicited neighbour adverts sent.");
        VRRP_COUNTERS.put("address_list_mismatch", "Adverts whose address list differs from ours.");
        VRRP_COUNTERS.put("send_errors", "Adverts the kernel refused to send.");
    }

    private static void drops(Map<String, Long> counters, java.util.function.ObjLongConsumer<String> each) {
        counters.forEach((k, v) -> {
            if (k.startsWith("drop_")) {
                each.accept(k.substring("drop_".length()), v);
            }
        });
    }

    static int vrrpState(String state) {
        return switch (state) {
            case "INIT" -> 0;
            case "BACKUP" -> 1;
            case "MASTER", "RESIGNING" -> 2; // resigning keeps the VIPs until a new master is heard
            case "FAULT" -> 3;
            default -> throw new IllegalArgumentException("VRRP state " + state);
        };
    }

    private static String[] instance(StatusSnapshot.Instance i) {
        return new String[] {"iname", i.name(), "intf", i.iface(), "vrid", Integer.toString(i.vrid())};
    }

    private static void eachReal(StatusSnapshot.Director dir,
            java.util.function.BiConsumer<StatusSnapshot.Virtual, StatusSnapshot.Real> each) {
        for (StatusSnapshot.Virtual v : dir.virtuals()) {
            for (StatusSnapshot.Real r : v.reals()) {
                if (!r.fallback()) {
                    each.accept(v, r);
                }
            }
        }
    }

    /**
     * A service's node_exporter labels from its ipvsadm name ({@code -t 10.0.0.1:80}, {@code -f 5 -6}): a
     * fwmark service has an empty local_address and local_port, proto FWM and its mark in local_mark.
     */
    static String[] service(String ipvsadm) {
        String[] w = ipvsadm.split(" ");
        if (w[0].equals("-f")) {
            return new String[] {"local_address", "", "local_port", "", "proto", "FWM", "local_mark", w[1]};
        }
        String proto = switch (w[0]) {
            case "-t" -> "TCP";
            case "-u" -> "UDP";
            case "--sctp-service" -> "SCTP";
            default -> throw new IllegalArgumentException("service " + ipvsadm);
        };
        String[] hp = hostPort(w[1]);
        return new String[] {"local_address", hp[0], "local_port", hp[1], "proto", proto, "local_mark", ""};
    }

    /** The six backend labels, in node_exporter's order. */
    static String[] backend(String service, String real) {
        String[] s = service(service);
        String[] r = hostPort(real);
        return new String[] {"local_address", s[1], "local_port", s[3], "remote_address", r[0], "remote_port",
            r[1], "proto", s[5], "local_mark", s[7]};
    }

    /** {@code 10.0.0.2:80} or {@code [2001:db8::2]:80} → address (no brackets), port. */
    static String[] hostPort(String endpoint) {
        int colon = endpoint.lastIndexOf(':');
        String host = endpoint.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new String[] {host, endpoint.substring(colon + 1)};
    }

    private static String[] with(String[] labels, String name, String value) {
        String[] out = java.util.Arrays.copyOf(labels, labels.length + 2);
        out[labels.length] = name;
        out[labels.length + 1] = value;
        return out;
    }

    /** The scrape text of these families (Prometheus text format 0.0.4, the client's writer). */
    public static String text(MetricSnapshots families) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try {
            PrometheusTextFormatWriter.create().write(out, families);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The snapshot's families as scrape text (no JVM families: those come from {@link DaemonMetrics}). */
    public static String render(StatusSnapshot snapshot) {
        return text(families(snapshot));
    }

    /** Collects one family's data points. */
    private interface Points {
        void add(double value, String... labels);
    }

    private static MetricSnapshot gauge(String name, String help, Consumer<Points> fill) {
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
        fill.accept((v, labels) -> b.dataPoint(
                GaugeSnapshot.GaugeDataPointSnapshot.builder().value(v).labels(Labels.of(labels)).build()));
        return b.build();
    }

    /** {@code name} without {@code _total}: the writer appends it. */
    private static MetricSnapshot counter(String name, String help, Consumer<Points> fill) {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
        fill.accept((v, labels) -> b.dataPoint(
                CounterSnapshot.CounterDataPointSnapshot.builder().value(v).labels(Labels.of(labels)).build()));
        return b.build();
    }

}
