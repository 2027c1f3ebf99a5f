package lvsd.daemon;

import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import lvsd.clock.Heartbeat;
import lvsd.clock.Ticker;

/**
 * The event-loop thread: waits for the next event or timer and hands it to {@link DaemonLoop}. Any thread may
 * {@link #post} an event; only the thread in {@link #run} touches the loop (and through it the IPVS socket
 * and all mutable daemon state), so nothing needs a lock.
 *
 * <p>The queue is bounded by coalescing: at most one event of each kind waits. Every event asks the loop to do
 * something "soon" with the state of the world at the time it runs (read the file, reconcile, stop), so a second
 * one of a kind that is still queued adds nothing and is dropped (counted in {@link #coalesced()}); a flood of
 * health transitions or file events costs four queue entries, not memory without end.
 */
public final class DaemonRunner {

    /** At least one turn a second keeps the loop's heartbeat fresh for the systemd watchdog. */
    private static final long MAX_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final LinkedBlockingQueue<Event> queue = new LinkedBlockingQueue<>(KINDS);
    private final AtomicBoolean[] waiting = new AtomicBoolean[KINDS];
    private final AtomicLong coalesced = new AtomicLong();
    private final Heartbeat heartbeat;
    private volatile boolean running;

    /**
     * Reload, CheckFile, Reconcile, Stop, ConfigParsed, Dump, then one ThreadDied per subsystem (a death never
     * hides another's).
     */
    private static final int KINDS = 6 + Subsystem.values().length;

    public DaemonRunner() {
        this(Ticker.SYSTEM);
    }

    public DaemonRunner(Ticker ticker) {
        // a posted wake-up would be handled as a real event; the turn comes within MAX_WAIT_NANOS anyway
        this.heartbeat = new Heartbeat("lvsd-loop", ticker, () -> {});
        for (int i = 0; i < KINDS; i++) {
            waiting[i] = new AtomicBoolean();
        }
    }

    private static int kind(Event e) {
        if (e instanceof Event.Reload) {
            return 0;
        } else if (e instanceof Event.CheckFile) {
            return 1;
        } else if (e instanceof Event.Reconcile) {
            return 2;
        } else if (e instanceof Event.Stop) {
            return 3;
        } else if (e instanceof Event.ConfigParsed) {
            return 4; // a wake-up: the result waits in the loop, so one queued is enough
        } else if (e instanceof Event.Dump) {
            return 5; // the requests wait in the loop's queue: one wake-up answers them all
        } else if (e instanceof Event.ThreadDied d) {
            return 6 + d.subsystem().ordinal();
        }
        throw new IllegalArgumentException("an event the runner does not know: " + e);
    }

    /** Posts an event from any thread (signal handler, file watcher, health engine, VRRP). Never blocks. */
    public void post(Event event) {
        if (waiting[kind(event)].compareAndSet(false, true)) {
            queue.add(event); // at most one per kind is queued, so it always fits
        } else {
            coalesced.incrementAndGet();
        }
    }

    /**
     * The loop's pulse, once {@link #run} has begun (empty before: start-up is bounded by the service manager's
     * start timeout, not by the watchdog).
     */
    public List<Heartbeat> heartbeats() {
        return running ? List.of(heartbeat) : List.of();
    }

    /** Events dropped because one of the same kind was still waiting. */
    public long coalesced() {
        return coalesced.get();
    }

    /** Events waiting for the loop (at most one per kind). */
    int queued() {
        return queue.size();
    }

    private Event take(Event e) {
        if (e != null) {
            waiting[kind(e)].set(false); // before handling: an event posted from now on is queued again
        }
        return e;
    }

    /** Runs the loop on the calling thread until it has handled a stop. */
    public void run(DaemonLoop<?> loop) throws InterruptedException {
        heartbeat.beat();
        running = true;
        while (!loop.stopped()) {
            long wait = Math.min(loop.nanosUntilDue(), MAX_WAIT_NANOS);
            Event first = take(wait == 0 ? queue.poll() : queue.poll(wait, TimeUnit.NANOSECONDS));
            // drain everything that queued up, then run timers once: a burst of health events ends in one
            // reconcile because Reconcile only schedules it
            try {
                heartbeat.beat();
                for (Event e = first; e != null && !loop.stopped(); e = take(queue.poll())) {
                    loop.handle(e);
                }
                loop.runDue();
            } catch (RuntimeException | Error t) {
                loop.crashed(t); // a bug in the loop: stop as for a fatal fault (exit status 1)
            }
        }
    }
}
