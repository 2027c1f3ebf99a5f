package lvsd.daemon;

import java.util.Objects;

/**
 * An immutable picture of the loop's counters, replaced after every event. Other threads (metrics endpoint,
 * status file) read it without locks.
 *
 * @param phase starting, running or stopping
 * @param configSha256 hex digest of the config content in force
 * @param generation 1 for the start-up config, +1 per accepted reload
 * @param reloadsAccepted reloads that took effect
 * @param reloadsRejected reloads refused because the file had errors
 * @param cycles reconcile cycles run
 * @param cycleFailures cycles that failed as a whole (for example the kernel dump failed)
 * @param opsApplied kernel changes made since start
 * @param opsFailed kernel changes the kernel refused since start
 * @param callbacks callback= programs launched
 * @param lastCycleOps kernel changes made by the latest cycle
 */
public record DaemonState(
        Phase phase,
        String configSha256,
        long generation,
        long reloadsAccepted,
        long reloadsRejected,
        long cycles,
        long cycleFailures,
        long opsApplied,
        long opsFailed,
        long callbacks,
        long lastCycleOps) {

    public enum Phase { STARTING, RUNNING, STOPPING, STOPPED }

    public DaemonState {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(configSha256, "configSha256");
    }

    static DaemonState initial() {
        return new DaemonState(Phase.STARTING, "", 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    DaemonState withPhase(Phase p) {
        return new DaemonState(p, configSha256, generation, reloadsAccepted, reloadsRejected, cycles,
                cycleFailures, opsApplied, opsFailed, callbacks, lastCycleOps);
    }

    DaemonState withConfig(String sha, boolean reload) {
        return new DaemonState(phase, sha, generation + 1, reloadsAccepted + (reload ? 1 : 0), reloadsRejected,
                cycles, cycleFailures, opsApplied, opsFailed, callbacks, lastCycleOps);
    }

    DaemonState withRejectedReload() {
        return new DaemonState(phase, configSha256, generation, reloadsAccepted, reloadsRejected + 1, cycles,
                cycleFailures, opsApplied, opsFailed, callbacks, lastCycleOps);
    }

    DaemonState withCycle(Backend.CycleReport r) {
        return new DaemonState(phase, configSha256, generation, reloadsAccepted, reloadsRejected, cycles + 1,
                cycleFailures, opsApplied + r.opsApplied(), opsFailed + r.opsFailed(), callbacks, r.opsApplied());
    }

    DaemonState withFailedCycle() {
        return new DaemonState(phase, configSha256, generation, reloadsAccepted, reloadsRejected, cycles + 1,
                cycleFailures + 1, opsApplied, opsFailed, callbacks, 0);
    }

    DaemonState withCallback() {
        return new DaemonState(phase, configSha256, generation, reloadsAccepted, reloadsRejected, cycles,
                cycleFailures, opsApplied, opsFailed, callbacks + 1, lastCycleOps);
    }
}
