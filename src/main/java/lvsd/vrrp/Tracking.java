package lvsd.vrrp;

import lvsd.config.InstanceConfig;
import lvsd.config.Tracker;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What an instance's trackers make of it (vrrp.md §9.2): its effective priority, and whether it is in FAULT and
 * why. Pure: the VRRP thread observes links, scripts and virtual services; this decides.
 */
final class Tracking {

    private Tracking() {}

    /** The tracked objects' states as observed now. */
    interface Observed {
        boolean linkUp(String iface);

        boolean scriptOk(String name);

        boolean virtualHealthy(String name);
    }

    /** What one tracker observed and what it adds to the priority (for the status view). */
    record Observation(Tracker tracker, boolean ok, int contribution) {}

    /** The outcome for one instance; {@code reason} is empty without a fault; one observation per tracker. */
    record Verdict(int priority, boolean fault, String reason, List<Observation> observations) {
        Verdict {
            observations = List.copyOf(observations);
        }
    }

    /**
     * @param unavailable why the instance's interface cannot be used yet, or null when it is ready; an unready
     *                    instance is in FAULT whatever its link says
     */
    static Verdict evaluate(InstanceConfig cfg, String unavailable, Observed now) {
        boolean fault = false;
        String reason = "";
        if (unavailable != null) {
            fault = true;
            reason = unavailable;
        } else if (!now.linkUp(cfg.iface())) {
            fault = true;
            reason = "interface " + cfg.iface() + " down";
        }
        int sum = 0;
        List<Observation> observations = new ArrayList<>();
        for (Tracker t : cfg.trackers()) {
            boolean ok = switch (t.kind()) {
                case INTERFACE -> now.linkUp(t.name());
                case SCRIPT -> now.scriptOk(t.name());
                case VIRTUAL -> now.virtualHealthy(t.name());
            };
            sum += t.contribution(ok);
            observations.add(new Observation(t, ok, t.contribution(ok)));
            if (t.faults(ok)) {
                fault = true;
                reason = "track_" + t.kind().name().toLowerCase(Locale.ROOT) + " " + t.name();
            }
        }
        return new Verdict(Tracker.effectivePriority(cfg.priority(), sum), fault, reason, observations);
    }
}
