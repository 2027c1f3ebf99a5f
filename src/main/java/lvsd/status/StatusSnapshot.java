package lvsd.status;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the running daemon shows about itself at one moment, as immutable values: the daemon's own
 * counters, the director's view of each virtual and real, the health checks, and VRRP. Built on the loop
 * thread after each change; the status file, {@code lvsd status --health} and the metrics text all render
 * from it (docs/status-json.md, "Daemon status file"). JSON names are the component names in snake_case.
 *
 * @param version the document's schema version (see {@link #VERSION})
 * @param vrrp null when the daemon runs no VRRP
 */
public record StatusSnapshot(int version, Daemon daemon, Director director, Checks checks, Vrrp vrrp) {

    /** Version 2: the typed director/checks/vrrp members replaced version 1's "backend". */
    public static final int VERSION = 2;

    public StatusSnapshot {
        Objects.requireNonNull(daemon, "daemon");
        Objects.requireNonNull(director, "director");
        Objects.requireNonNull(checks, "checks");
    }

    /**
     * The event loop's part.
     *
     * @param config the config file's absolute path
     * @param started ISO-8601 instant the daemon started
     * @param phase starting, running, stopping or stopped
     * @param configSha256 hex digest of the config content in force
     * @param generation 1 for the start-up config, +1 per accepted reload
     * @param callbacks callback= programs launched
     */
    public record Daemon(long pid, String config, String started, String phase, String configSha256, long generation,
            Reloads reloads, Cycles cycles, KernelChanges kernelChanges, long callbacks) {
        public Daemon {
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(started, "started");
            Objects.requireNonNull(phase, "phase");
            Objects.requireNonNull(configSha256, "configSha256");
            Objects.requireNonNull(reloads, "reloads");
            Objects.requireNonNull(cycles, "cycles");
            Objects.requireNonNull(kernelChanges, "kernelChanges");
        }

        public boolean running() {
            return phase.equals("running");
        }
    }

    /** Reloads that took effect, and those refused because the file had errors. */
    public record Reloads(long accepted, long rejected) {}

    /** Reconcile cycles run, and those that failed as a whole (the kernel dump failed). */
    public record Cycles(long total, long failed) {}

    /** IPVS changes made, and those the kernel refused, since start. */
    public record KernelChanges(long applied, long failed) {}

    /**
     * The director's part.
     *
     * @param ownedServices virtual services lvsd manages
     * @param draining destinations being drained
     * @param fallbackCommands fallbackcommand runs launched
     * @param virtuals every virtual the director has placed a real or fallback of, ordered by service
     */
    public record Director(long ownedServices, long draining, long fallbackCommands, List<Virtual> virtuals) {
        public static final Director NONE = new Director(0, 0, 0, List.of());

        public Director {
            virtuals = List.copyOf(virtuals);
        }
    }

    /**
     * One virtual service.
     *
     * @param service as ipvsadm names it: {@code -t 192.0.2.1:80}, {@code -f 5}
     * @param fallbackInUse the fallback server is in the table (no real is up)
     * @param reals each real and the fallback, ordered by endpoint
     */
    public record Virtual(String service, boolean fallbackInUse, List<Real> reals, Traffic ipvs) {
        public Virtual {
            Objects.requireNonNull(service, "service");
            reals = List.copyOf(reals);
        }

        /** Without kernel counters (the service is not in the last dump). */
        public Virtual(String service, boolean fallbackInUse, List<Real> reals) {
            this(service, fallbackInUse, reals, null);
        }
    }

    /**
     * A service's or destination's counters from the loop's last IPVS dump, since the kernel created the entry.
     *
     * @param activeConns for a destination, the kernel's active connections (0 for a service)
     * @param inactiveConns for a destination, the inactive ones (0 for a service)
     */
    public record Traffic(long activeConns, long inactiveConns, long conns, long inPkts, long outPkts, long inBytes,
            long outBytes) {}

    /**
     * One real server (or the fallback) of a virtual, as the director last placed it.
     *
     * @param real {@code address:port}, IPv6 in brackets
     * @param state pending, up, quiesced, removed, draining or fallback
     * @param weight the weight in the table when up or fallback, else 0
     * @param fallback this entry is the virtual's fallback server
     * @param draining dropped from the config and being drained
     */
    public record Real(String real, String state, int weight, boolean fallback, boolean draining, Traffic ipvs) {
        public Real {
            Objects.requireNonNull(real, "real");
            Objects.requireNonNull(state, "state");
        }

        /** Without kernel counters (the destination is not in the last dump). */
        public Real(String real, String state, int weight, boolean fallback, boolean draining) {
            this(real, state, weight, fallback, draining, null);
        }

        /** As the director's log says it: {@code up (weight 5)}, {@code quiesced}. */
        public String describe() {
            return state.equals("up") || state.equals("fallback") ? state + " (weight " + weight + ")" : state;
        }
    }

    /**
     * The check engine's part.
     *
     * @param distinct runs the registered checks need (reals with equal specs share one)
     * @param up checks whose last result is up
     * @param down checks whose last result is down
     * @param targets one entry per (virtual, real) with a check, ordered by key
     */
    public record Checks(long distinct, long up, long down, Runs runs, List<Check> targets) {
        public static final Checks NONE = new Checks(0, 0, 0, new Runs(0, 0, 0), List.of());

        public Checks {
            Objects.requireNonNull(runs, "runs");
            targets = List.copyOf(targets);
        }
    }

    /** Check runs started, completed (of which timed out) since start. */
    public record Runs(long started, long completed, long timedOut) {}

    /**
     * One registered check.
     *
     * @param key the virtual and the real: {@code tcp:192.0.2.1:80 10.0.0.2:80}
     * @param target what is probed: {@code address:port}, or the command for an external check
     * @param kind connect, ping, http, https, dialog, dns, radius, sql, ldap, external, fixed
     * @param result unknown (no result yet), up or down
     * @param reason why the last transition happened, "" before the first
     * @param since ISO-8601 instant of the last transition, "" before the first
     * @param last the latest run's result as the log says it ({@code up}, {@code connection refused},
     *     {@code timed out: ...}), "" before the first run
     * @param latencyMs how long the latest run took, in milliseconds (about the timeout for a timed-out run)
     * @param lastRun ISO-8601 instant the latest run ended, "" before the first
     */
    public record Check(String key, String target, String kind, String result, String reason, String since,
            String last, double latencyMs, String lastRun) {
        public Check {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(result, "result");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(since, "since");
            last = last == null ? "" : last; // absent in an older daemon's document
            lastRun = lastRun == null ? "" : lastRun;
        }

        /** Before any run finished. */
        public Check(String key, String target, String kind, String result, String reason, String since) {
            this(key, target, kind, result, reason, since, "", 0, "");
        }
    }

    /** VRRP's part: instances in config order, then the per-interface counters of packets no instance took. */
    public record Vrrp(List<Instance> instances, List<InterfaceCounters> interfaces) {
        public Vrrp {
            instances = List.copyOf(instances);
            interfaces = List.copyOf(interfaces);
        }
    }

    /**
     * One VRRP instance.
     *
     * @param state INIT, BACKUP, MASTER, FAULT or RESIGNING
     * @param priority effective priority (base plus tracker contributions)
     * @param base configured priority
     * @param faultReason why it is in fault, "" when not
     * @param trackers each tracker's last result and what it adds to the priority
     * @param counters name → value, in the order of docs/vrrp.md ("Status and counters")
     */
    public record Instance(String name, String state, int priority, int base, int vrid, String iface, boolean fault,
            String faultReason, List<Tracker> trackers, Map<String, Long> counters) {
        public Instance {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(iface, "iface");
            Objects.requireNonNull(faultReason, "faultReason");
            trackers = List.copyOf(trackers);
            counters = ordered(counters);
        }
    }

    /**
     * One track_interface, track_script or track_virtual of an instance.
     *
     * @param kind interface, script or virtual
     * @param ok the tracked thing is up
     * @param contribution what it adds to the priority now (0 for a tracker without weight)
     */
    public record Tracker(String kind, String name, int weight, boolean ok, int contribution) {
        public Tracker {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
        }
    }

    /** Packets of one interface dropped before an instance was known. */
    public record InterfaceCounters(String iface, Map<String, Long> counters) {
        public InterfaceCounters {
            Objects.requireNonNull(iface, "iface");
            counters = ordered(counters);
        }
    }

    /** An unmodifiable copy that keeps the order (Map.copyOf does not). */
    private static Map<String, Long> ordered(Map<String, Long> m) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }
}
