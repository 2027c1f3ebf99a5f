package lvsd.daemon;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import lvsd.clock.Heartbeat;
import lvsd.config.VrrpConfig;
import lvsd.status.StatusSnapshot;
import lvsd.vrrp.StateChange;

/**
 * The embedded VRRP's lifecycle across reloads: started with the first config that has instances, kept (state and
 * all) while a reload leaves the VRRP blocks unchanged, restarted gracefully when they change, stopped first at
 * shutdown so the VIPs are handed over before the table is emptied. It also carries the director's
 * {@code track_virtual} view to the VRRP thread. Loop thread only, except {@link #healthy}.
 */
final class EmbeddedVrrp implements AutoCloseable {
    private final VrrpPort port;
    private final Consumer<StateChange> listener;
    private volatile VrrpPort.Running running; // written on the loop; heartbeats() reads it on the watchdog
    private VrrpConfig config = VrrpConfig.EMPTY;
    /** track_virtual names with a real in rotation; written by the loop thread, read by the VRRP thread. */
    private volatile Set<String> healthyVirtuals = Set.of();

    EmbeddedVrrp(VrrpPort port, Consumer<StateChange> listener) {
        this.port = Objects.requireNonNull(port, "port");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * A config takes effect, or nothing changes: when the new instances cannot start, the old ones are started
     * again (after a short hand-over to a backup) and this throws, so the caller keeps the old generation.
     *
     * @throws Backend.RollbackFailed when the old instances cannot be started again either
     */
    void activate(VrrpConfig next) {
        if (running != null && next.sameAs(config)) {
            // unchanged (perhaps moved in the file): VRRP keeps its state, no hand-over on every reload; the new
            // positions only serve diagnostics
            return;
        }
        VrrpConfig before = running == null ? VrrpConfig.EMPTY : config;
        // both cannot run at once (same router ids and VIPs): graceful stop, priority 0, so a backup takes over
        close();
        try {
            start(next);
        } catch (Exception e) {
            if (!before.isEmpty()) {
                try {
                    start(before);
                } catch (Exception again) {
                    throw new Backend.RollbackFailed("cannot start the new VRRP instances (" + e.getMessage()
                            + ") nor the old ones again (" + again.getMessage() + ")", again);
                }
            }
            throw new IllegalStateException("cannot start VRRP: " + e.getMessage()
                    + (before.isEmpty() ? "" : " (the previous VRRP instances run again)"), e);
        }
    }

    /** The VRRP blocks in force (empty when VRRP does not run). */
    VrrpConfig config() {
        return running == null ? VrrpConfig.EMPTY : config;
    }

    private void start(VrrpConfig c) throws Exception {
        config = VrrpConfig.EMPTY;
        if (!c.isEmpty()) {
            running = port.start(c, this::healthy, listener);
            config = c;
        }
    }

    /** The VRRP thread died (its VIPs are already released): start the instances of {@code current} afresh. */
    void restart(VrrpConfig current) {
        close();
        config = VrrpConfig.EMPTY;
        try {
            start(current);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start VRRP: " + e.getMessage(), e);
        }
    }

    /** The VRRP thread's pulse, when VRRP runs. */
    List<Heartbeat> heartbeats() {
        return running == null ? List.of() : running.heartbeats();
    }

    /** The director's healthy virtuals (by every name track_virtual accepts) after a cycle. */
    void healthyVirtuals(Set<String> names) {
        if (!names.equals(healthyVirtuals)) {
            healthyVirtuals = Set.copyOf(names);
            if (running != null) {
                running.trackersChanged();
            }
        }
    }

    /** track_virtual's question, asked on the VRRP thread. */
    private boolean healthy(String virtualName) {
        return healthyVirtuals.contains(virtualName);
    }

    /** The VRRP part of the status snapshot; null without VRRP. */
    StatusSnapshot.Vrrp status() {
        return running == null ? null : running.status();
    }

    /** Graceful stop: priority 0 adverts, VIPs removed. */
    @Override
    public void close() {
        if (running != null) {
            running.close();
            running = null;
        }
    }
}
