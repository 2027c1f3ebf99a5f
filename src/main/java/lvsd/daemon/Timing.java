package lvsd.daemon;

import java.time.Duration;
import java.util.Objects;

/**
 * The loop's intervals.
 *
 * @param filePoll how often the config file's content is hashed (ldirectord does it once per checkinterval,
 *     10 s by default; a file watcher also wakes the loop at once, so this is only the safety net for file
 *     systems without inotify events)
 * @param resync how often the kernel table is re-read and hand edits are put back
 * @param debounce how long a health event waits for others before the reconcile it asks for, so a burst of
 *     transitions costs one kernel dump
 * @param settle a changed file is acted on only when two reads this far apart agree, so a file caught halfway
 *     through a write (a shell's {@code >} truncates first) is never loaded
 * @param callbackDeadline how long callback= may run before it is killed
 */
public record Timing(Duration filePoll, Duration resync, Duration debounce, Duration settle,
        Duration callbackDeadline) {
    public Timing {
        for (Duration d : new Duration[] {filePoll, resync, debounce, settle, callbackDeadline}) {
            Objects.requireNonNull(d, "interval");
            if (d.isNegative()) {
                throw new IllegalArgumentException("negative interval " + d);
            }
        }
        if (filePoll.isZero() || resync.isZero()) {
            throw new IllegalArgumentException("poll and resync intervals must be positive");
        }
    }

    public static Timing defaults() {
        return new Timing(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofMillis(20), Duration.ofMillis(250),
                Duration.ofSeconds(30));
    }
}
