package lvsd.clock;

import java.util.Objects;

/**
 * A long-lived thread's pulse: the monotonic time of its latest loop turn, readable from any thread (the daemon
 * and, later, the systemd watchdog look at it). The owning thread calls {@link #beat()} once per turn and never
 * sleeps longer than about a second, so a pulse older than that means the thread is stuck or gone.
 *
 * <p>{@link #failNextTurn} is the fault tests' hook: the owning thread throws the given error from its next
 * {@code beat()}, exactly as if its own code had failed there. {@link #wedge} is the watchdog tests' hook: the
 * owning thread stops in its next {@code beat()} (its pulse goes stale, as a thread stuck in a system call or a
 * lock) until {@link #unwedge}. Nothing in lvsd calls either outside tests.
 */
public final class Heartbeat {

    private final String thread;
    private final Ticker ticker;
    private final Runnable wakeup;
    private volatile long last;
    private volatile RuntimeException injectedRuntime;
    private volatile Error injectedError;
    private volatile boolean wedged;

    /** @param wakeup makes the owning thread take a turn now (for the test hook) */
    public Heartbeat(String thread, Ticker ticker, Runnable wakeup) {
        this.thread = Objects.requireNonNull(thread, "thread");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.wakeup = Objects.requireNonNull(wakeup, "wakeup");
        this.last = ticker.nanos();
    }

    /** The owning thread's name. */
    public String thread() {
        return thread;
    }

    /** The ticker time of the latest turn. */
    public long lastNanos() {
        return last;
    }

    /** Called by the owning thread once per loop turn. */
    public void beat() {
        last = ticker.nanos();
        while (wedged) {
            // the pulse stays at the turn that entered here; short parks so unwedge takes effect at once
            java.util.concurrent.locks.LockSupport.parkNanos(this, 10_000_000L);
        }
        RuntimeException r = injectedRuntime;
        if (r != null) {
            injectedRuntime = null;
            throw r;
        }
        Error e = injectedError;
        if (e != null) {
            injectedError = null;
            throw e;
        }
    }

    /** Test hook: the owning thread throws {@code failure} at its next turn. */
    public void failNextTurn(RuntimeException failure) {
        injectedRuntime = Objects.requireNonNull(failure, "failure");
        wakeup.run();
    }

    /** Test hook: the owning thread throws {@code failure} at its next turn. */
    public void failNextTurn(Error failure) {
        injectedError = Objects.requireNonNull(failure, "failure");
        wakeup.run();
    }

    /** Test hook: the owning thread blocks in its next turn, beating no more, until {@link #unwedge}. */
    public void wedge() {
        wedged = true;
        wakeup.run();
    }

    /** Test hook: releases a {@link #wedge}d thread, which beats again from its next turn. */
    public void unwedge() {
        wedged = false;
    }
}
