package lvsd.daemon;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import lvsd.status.StatusSnapshot;

/**
 * What the event loop needs from the rest of lvsd, for a config model {@code C}. The loop decides <em>when</em>
 * (start, reload, timers, health events, stop); the backend knows <em>how</em> (parse ldirectord.cf, run the
 * director against the kernel table, start checks and VRRP). Every method is called on the loop thread only,
 * except {@link #parse}, which a reload runs on the parse thread (it resolves names, which may be slow).
 */
public interface Backend<C> extends AutoCloseable {

    /** Parses a config file's content; never throws for bad content. Touches no backend state (any thread). */
    Parsed<C> parse(Path file, byte[] content);

    /** The few settings the loop itself reads from a config. */
    LoopSettings settings(C config);

    /**
     * A config takes effect: at start ({@code previous} empty) or after an accepted reload. Health checks and
     * VRRP are updated here; the loop runs a reconcile right after. All or nothing: when this throws, whatever
     * ran before runs as it did ({@link RollbackFailed} when that could not be done).
     */
    void activate(Optional<C> previous, C next);

    /**
     * What a reload from {@code running} to {@code next} would remove that is worth a loud line: more than half
     * of the virtual services (a file cut short by an editor or a script is the likely cause). Empty when the
     * change is ordinary.
     */
    default Optional<String> largeRemoval(C running, C next) {
        return Optional.empty();
    }

    /** One reconcile cycle: dump the kernel table once, compute the changes, apply them in one batch. */
    CycleReport reconcile(C config);

    /**
     * Stop: remove what cleanstop says to remove (nothing with cleanstop=no).
     *
     * @throws StopIncomplete when some of it is still in the kernel table after a retry
     */
    CycleReport shutdown(C config);

    /**
     * A supervised subsystem's thread died: rebuild it from {@code config}. Throws when it cannot be rebuilt (the
     * loop then stops the daemon with exit status 1).
     */
    default void restart(Subsystem subsystem, C config) {
        throw new UnsupportedOperationException("nothing to restart for the " + subsystem.label());
    }

    /** The config in force as one JSON document (what {@code check-config --dump} prints). */
    default String dump(C config) {
        return "null";
    }

    /** The pulses of the backend's long-lived threads (check timer, selector, VRRP); any thread may read them. */
    default List<lvsd.clock.Heartbeat> heartbeats() {
        return List.of();
    }

    /**
     * A reload's activation failed and what ran before could not be put back either (thrown by
     * {@link #activate}): the daemon no longer runs a config it can name, so the loop stops it with exit status 1.
     */
    final class RollbackFailed extends RuntimeException {
        public RollbackFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A clean stop that left some of lvsd's services in the table: {@code left} says which. */
    final class StopIncomplete extends RuntimeException {
        private final CycleReport report;
        private final List<String> left;

        public StopIncomplete(CycleReport report, List<String> left) {
            super("the kernel table still holds " + left.size() + " of lvsd's service(s): " + String.join("; ", left));
            this.report = report;
            this.left = List.copyOf(left);
        }

        /** What the stop did change. */
        public CycleReport report() {
            return report;
        }

        public List<String> left() {
            return left;
        }
    }

    /**
     * The status snapshot: the loop's DAEMON part plus the backend's own (director, checks, VRRP). The status
     * file and the metrics text render from it.
     */
    default StatusSnapshot status(StatusSnapshot.Daemon daemon) {
        return new StatusSnapshot(StatusSnapshot.VERSION, daemon, StatusSnapshot.Director.NONE,
                StatusSnapshot.Checks.NONE, null);
    }

    @Override
    default void close() {}

    /** The outcome of parsing: a config (maybe with warnings) or the errors, each {@code FILE:LINE: why}. */
    sealed interface Parsed<C> {
        record Accepted<C>(C config, List<String> warnings) implements Parsed<C> {
            public Accepted {
                Objects.requireNonNull(config, "config");
                warnings = List.copyOf(warnings);
            }
        }

        /** @param retryable the file may be fine: the world failed (a name could not be resolved now) */
        record Rejected<C>(List<String> errors, boolean retryable) implements Parsed<C> {
            public Rejected {
                errors = List.copyOf(errors);
                if (errors.isEmpty()) {
                    throw new IllegalArgumentException("a rejected config needs at least one error");
                }
            }

            public Rejected(List<String> errors) {
                this(errors, false);
            }
        }
    }

    /**
     * Loop settings taken from a config: ldirectord's autoreload and callback globals.
     *
     * @param callback executable run with the config path on every content change, even without autoreload
     */
    /**
     * {@code callback}: the argv run with the config file appended on each content change; empty = none.
     * {@code reloadGuard}: refuse a reload with a {@link #largeRemoval} (reload_guard=yes) instead of only
     * logging it.
     */
    record LoopSettings(boolean autoreload, List<String> callback, boolean reloadGuard) {
        public LoopSettings {
            callback = List.copyOf(callback);
        }

        public LoopSettings(boolean autoreload, List<String> callback) {
            this(autoreload, callback, false);
        }
    }

    /**
     * What one cycle did.
     *
     * @param opsApplied kernel changes made
     * @param opsFailed kernel changes the kernel refused (each also in {@code log})
     * @param log one line per transition or failure, in order
     */
    record CycleReport(int opsApplied, int opsFailed, List<String> log) {
        public CycleReport {
            log = List.copyOf(log);
        }

        public static CycleReport nothing() {
            return new CycleReport(0, 0, List.of());
        }
    }
}
