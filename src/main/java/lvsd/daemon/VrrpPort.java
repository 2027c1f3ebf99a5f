package lvsd.daemon;

import java.util.List;
import java.util.function.Consumer;
import lvsd.clock.Heartbeat;
import lvsd.status.StatusSnapshot;
import lvsd.vrrp.StateChange;
import lvsd.vrrp.VirtualHealth;
import lvsd.config.VrrpConfig;

/** Starts the embedded VRRP; the daemon uses {@code VrrpService.start} on {@code LinuxVrrpIo}, tests a recorder. */
@FunctionalInterface
public interface VrrpPort {

    /** A running VRRP: graceful stop on close (priority 0, VIPs removed). */
    interface Running extends AutoCloseable {
        /** track_virtual inputs changed: re-read them now. */
        void trackersChanged();

        /** States, tracker results and counters, as VRRP last published them. */
        StatusSnapshot.Vrrp status();

        /** The VRRP thread's pulse. */
        default List<Heartbeat> heartbeats() {
            return List.of();
        }

        @Override
        void close();
    }

    Running start(VrrpConfig config, VirtualHealth health, Consumer<StateChange> listener) throws Exception;

    /** For nodes that must not run VRRP (tests): refuses any instance. */
    VrrpPort NONE = (c, h, l) -> {
        throw new IllegalStateException("VRRP is not available here");
    };
}
