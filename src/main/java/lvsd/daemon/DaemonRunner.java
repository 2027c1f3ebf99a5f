package lvsd.daemon;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The event-loop thread: waits for the next event or timer and hands it to {@link DaemonLoop}. Any thread may
 * {@link #post} an event; only the thread in {@link #run} touches the loop (and through it the IPVS socket
 * and all mutable daemon state), so nothing needs a lock.
 */
public final class DaemonRunner {

    private static final long MAX_WAIT_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final LinkedBlockingQueue<Event> queue = new LinkedBlockingQueue<>();

    /** Posts an event from any thread (signal handler, file watcher, health engine, VRRP). */
    public void post(Event event) {
        queue.add(event);
    }

    /** Runs the loop on the calling thread until it has handled a stop. */
    public void run(DaemonLoop<?> loop) throws InterruptedException {
        while (!loop.stopped()) {
            long wait = Math.min(loop.nanosUntilDue(), MAX_WAIT_NANOS);
            Event first = wait == 0 ? queue.poll() : queue.poll(wait, TimeUnit.NANOSECONDS);
            // drain everything that queued up, then run timers once: a burst of health events ends in one
            // reconcile because Reconcile only schedules it
            try {
                for (Event e = first; e != null && !loop.stopped(); e = queue.poll()) {
                    loop.handle(e);
                }
                loop.runDue();
            } catch (RuntimeException | Error t) {
                loop.crashed(t); // a bug in the loop: stop as for a fatal fault (exit status 1)
            }
        }
    }
}
