package lvsd.metrics;

import lvsd.status.StatusSnapshot;

/** The daemon's metrics text, rendered from the same status snapshot as the status file. */
public final class StatusMetrics {
    private StatusMetrics() {}

    public static String render(StatusSnapshot snapshot) {
        StatusSnapshot.Daemon d = snapshot.daemon();
        PrometheusText t = new PrometheusText();
        t.family("lvsd_config_generation", PrometheusText.Type.GAUGE,
                "Config generation in force: 1 at start, +1 per accepted reload.");
        t.sample("lvsd_config_generation", d.generation());
        t.family("lvsd_reloads_total", PrometheusText.Type.COUNTER, "Reloads by result.");
        t.sample("lvsd_reloads_total", d.reloads().accepted(), "result", "accepted");
        t.sample("lvsd_reloads_total", d.reloads().rejected(), "result", "rejected");
        t.family("lvsd_reconcile_cycles_total", PrometheusText.Type.COUNTER, "Reconcile cycles run.");
        t.sample("lvsd_reconcile_cycles_total", d.cycles().total());
        t.family("lvsd_reconcile_failures_total", PrometheusText.Type.COUNTER,
                "Reconcile cycles that failed as a whole (for example the kernel dump failed).");
        t.sample("lvsd_reconcile_failures_total", d.cycles().failed());
        t.family("lvsd_ipvs_changes_total", PrometheusText.Type.COUNTER, "IPVS changes by result.");
        t.sample("lvsd_ipvs_changes_total", d.kernelChanges().applied(), "result", "applied");
        t.sample("lvsd_ipvs_changes_total", d.kernelChanges().failed(), "result", "failed");
        t.family("lvsd_callbacks_total", PrometheusText.Type.COUNTER, "callback= programs launched.");
        t.sample("lvsd_callbacks_total", d.callbacks());
        t.family("lvsd_up", PrometheusText.Type.GAUGE, "1 while the daemon is running.");
        t.sample("lvsd_up", d.running() ? 1 : 0);
        StatusSnapshot.Director dir = snapshot.director();
        t.family("lvsd_owned_services", PrometheusText.Type.GAUGE, "Virtual services lvsd manages.");
        t.sample("lvsd_owned_services", dir.ownedServices());
        t.family("lvsd_draining_destinations", PrometheusText.Type.GAUGE, "Destinations being drained.");
        t.sample("lvsd_draining_destinations", dir.draining());
        t.family("lvsd_fallbackcommands_total", PrometheusText.Type.COUNTER, "fallbackcommand runs launched.");
        t.sample("lvsd_fallbackcommands_total", dir.fallbackCommands());
        return t.toString();
    }
}
