package lvsd.daemon;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import lvsd.clock.Heartbeat;
import lvsd.clock.Ticker;
import lvsd.sys.SdNotify;

/**
 * The systemd watchdog's sender: one daemon thread ("lvsd-watchdog") that every half interval asks
 * {@link WatchdogRule} and sends WATCHDOG=1 only when every heartbeat (the event loop, the check engine's timer
 * and selector, the VRRP thread while VRRP runs) is fresh. A heartbeat that goes stale is logged once at ERROR.
 * After {@link #stopping()} it pings regardless: the clean stop holds the loop thread and is bounded by
 * TimeoutStopSec=, not by the watchdog.
 */
public final class Watchdog implements AutoCloseable {

    private final SdNotify notify;
    private final WatchdogRule rule;
    private final Supplier<List<Heartbeat>> heartbeats;
    private final Ticker ticker;
    private final DaemonLog log;
    private final Thread thread;
    private volatile boolean stopping;
    private volatile boolean closed;

    private Watchdog(SdNotify notify, Duration interval, Supplier<List<Heartbeat>> heartbeats, Ticker ticker,
            DaemonLog log) {
        this.notify = notify;
        this.rule = new WatchdogRule(interval.toNanos());
        this.heartbeats = heartbeats;
        this.ticker = ticker;
        this.log = log;
        this.thread = new Thread(this::run, "lvsd-watchdog");
        this.thread.setDaemon(true);
    }

    /**
     * Starts the sender when {@code env} asks for a watchdog ({@code WATCHDOG_USEC}, and {@code WATCHDOG_PID}
     * absent or this process); empty otherwise.
     */
    public static Optional<Watchdog> start(Optional<SdNotify> notify, Map<String, String> env,
            Supplier<List<Heartbeat>> heartbeats, Ticker ticker, DaemonLog log) {
        if (notify.isEmpty()) {
            return Optional.empty();
        }
        Optional<Duration> interval;
        try {
            interval = SdNotify.watchdogInterval(env, ProcessHandle.current().pid());
        } catch (IllegalArgumentException e) {
            log.warn("no systemd watchdog: " + e.getMessage());
            return Optional.empty();
        }
        if (interval.isEmpty()) {
            return Optional.empty();
        }
        if (interval.get().compareTo(Duration.ofSeconds(3)) < 0) {
            // the subsystems beat once a second: a shorter interval withholds pings from a healthy daemon
            log.warn("WatchdogSec=" + interval.get().toMillis() + "ms is under 3 s; lvsd's threads beat once a"
                    + " second, so expect false watchdog restarts");
        }
        Watchdog w = new Watchdog(notify.get(), interval.get(), heartbeats, ticker, log);
        w.thread.start();
        log.info("systemd watchdog: WATCHDOG=1 every " + interval.get().dividedBy(2).toMillis()
                + " ms while every heartbeat is fresh");
        return Optional.of(w);
    }

    /** Shutdown began: ping regardless from now on. */
    public void stopping() {
        stopping = true;
    }

    private void run() {
        long period = rule.intervalNanos() / 2;
        while (!closed) {
            try {
                if (stopping || look()) {
                    String err = notify.send("WATCHDOG=1");
                    if (err != null) {
                        log.warn(err);
                    }
                }
            } catch (RuntimeException e) {
                log.warn("watchdog: " + e); // a broken look withholds this ping, never kills the thread
            }
            java.util.concurrent.locks.LockSupport.parkNanos(this, period);
        }
    }

    private boolean look() {
        List<WatchdogRule.Pulse> pulses = heartbeats.get().stream()
                .map(h -> new WatchdogRule.Pulse(h.thread(), h.lastNanos())).toList();
        long now = ticker.nanos();
        WatchdogRule.Verdict v = rule.look(pulses, now);
        for (WatchdogRule.Pulse p : v.wentStale()) {
            log.error("watchdog: thread " + p.name() + " has not taken a turn for "
                    + (now - p.lastNanos()) / 1_000_000 + " ms (limit " + rule.intervalNanos() / 1_000_000
                    + " ms); withholding WATCHDOG=1, systemd will restart lvsd");
        }
        for (String name : v.cameBack()) {
            log.warn("watchdog: thread " + name + " is beating again; WATCHDOG=1 resumes");
        }
        return v.ping();
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
