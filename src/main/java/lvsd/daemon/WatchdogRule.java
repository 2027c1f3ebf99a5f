package lvsd.daemon;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The systemd watchdog's decision, free of threads and clocks: given each heartbeat's latest turn and the time
 * now, whether to send WATCHDOG=1, and which heartbeats went stale or came back since the last look (so each is
 * logged once per episode, not on every ping).
 *
 * <p>Fresh means beaten within the watchdog interval ({@code WATCHDOG_USEC}): every heartbeat's owner takes a
 * turn at least once a second, so a pulse older than the whole interval is a thread stuck (or gone), and systemd
 * should restart the daemon. One stale heartbeat withholds the ping; when all are fresh again the pings resume
 * (under systemd the daemon has usually been killed by then; a wedge shorter than the interval is ridden out).
 */
public final class WatchdogRule {

    /** A heartbeat's name and the ticker time of its latest turn. */
    public record Pulse(String name, long lastNanos) {
        public Pulse {
            Objects.requireNonNull(name, "name");
        }
    }

    /** One look: ping or not, and what changed since the last look. */
    public record Verdict(boolean ping, List<Pulse> wentStale, List<String> cameBack) {}

    private final long intervalNanos;
    private final Set<String> stale = new LinkedHashSet<>();

    public WatchdogRule(long intervalNanos) {
        if (intervalNanos <= 0) {
            throw new IllegalArgumentException("the watchdog interval must be positive, got " + intervalNanos);
        }
        this.intervalNanos = intervalNanos;
    }

    public long intervalNanos() {
        return intervalNanos;
    }

    /** Whether a pulse last beaten at {@code lastNanos} is fresh at {@code now}. */
    public boolean fresh(long lastNanos, long now) {
        return now - lastNanos <= intervalNanos;
    }

    /** Looks at the pulses at {@code now}. */
    public Verdict look(List<Pulse> pulses, long now) {
        List<Pulse> wentStale = new ArrayList<>();
        Set<String> staleNow = new LinkedHashSet<>();
        for (Pulse p : pulses) {
            if (!fresh(p.lastNanos(), now)) {
                staleNow.add(p.name());
                if (!stale.contains(p.name())) {
                    wentStale.add(p);
                }
            }
        }
        List<String> cameBack = new ArrayList<>();
        for (String name : stale) {
            if (!staleNow.contains(name)) {
                cameBack.add(name); // fresh again, or gone (a restarted subsystem has a new heartbeat)
            }
        }
        stale.clear();
        stale.addAll(staleNow);
        return new Verdict(staleNow.isEmpty(), List.copyOf(wentStale), List.copyOf(cameBack));
    }
}
