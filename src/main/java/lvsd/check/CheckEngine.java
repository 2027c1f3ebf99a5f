package lvsd.check;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import lvsd.clock.Heartbeat;
import lvsd.clock.Ticker;

/**
 * Runs registered checks on their intervals and reports health transitions.
 *
 * <p>One timer thread owns the {@link Timeline}: it starts runs (probes never block it) and enforces
 * every run's deadline itself, so a probe that ignores its deadline is still reported TimedOut on time
 * and cancelled. Registrations with an equal {@link CheckSpec} and interval share one run ("group"),
 * whose result is fanned out to each key's own rise/fall tracker. {@link #update} replaces the whole
 * set; unchanged keys keep their state and their phase.
 *
 * <p>If anything escapes the timer loop the thread ends and {@code onDeath} hears of it: with no timer, no
 * check would run again and every verdict would freeze, so the owner must replace the engine.
 */
public final class CheckEngine implements AutoCloseable {

    private record GroupKey(CheckSpec spec, Duration interval) {}

    /** Per key state inside a group; guarded by the group's monitor. */
    private static final class Sub {
        int rise;
        int fall;
        HealthTracker tracker = HealthTracker.INITIAL;

        Sub(CheckConfig c) {
            rise = c.rise();
            fall = c.fall();
        }
    }

    private final class Group {
        final GroupKey key;
        final long intervalNanos;
        final Map<String, Sub> subs = new LinkedHashMap<>();
        volatile boolean alive = true;
        CombinedMode mode = CombinedMode.START; // timer thread and completion: guarded by this

        Group(GroupKey key) {
            this.key = key;
            this.intervalNanos = key.interval().toNanos();
        }

        synchronized void deliver(CheckResult result) {
            if (!alive) {
                return;
            }
            if (key.spec() instanceof CheckSpec.Combined c) {
                mode = mode.after(c, result);
            }
            for (Map.Entry<String, Sub> e : subs.entrySet()) {
                Sub s = e.getValue();
                HealthTracker.Step step = s.tracker.observe(e.getKey(), result, s.rise, s.fall);
                s.tracker = step.tracker();
                Optional<Transition> t = step.transition();
                if (t.isPresent()) {
                    try {
                        listener.onTransition(t.get());
                    } catch (RuntimeException ex) {
                        listenerErrors.incrementAndGet(); // a broken listener must not stop checking
                    }
                }
            }
        }

        synchronized CheckSpec nextSpec() {
            return key.spec() instanceof CheckSpec.Combined c ? mode.pick(c) : key.spec();
        }
    }

    /** One run in flight: whoever completes it first (probe or deadline) wins. */
    private final class Run {
        final Group group;
        final long started;
        final long due; // when it was scheduled: the next run keeps this phase, so timer lag does not drift
        final AtomicBoolean done = new AtomicBoolean();
        volatile Probe.Cancel cancel = Probe.Cancel.NONE;

        Run(Group group, long due, long started) {
            this.group = group;
            this.due = due;
            this.started = started;
        }

        void complete(CheckResult result) {
            if (done.compareAndSet(false, true)) {
                finish(result);
            } // else: a late result after the deadline, or a second call: ignored
        }

        private void finish(CheckResult result) {
            long now = ticker.nanos();
            inFlight.decrementAndGet();
            completed.incrementAndGet();
            if (result instanceof CheckResult.TimedOut) {
                timedOut.incrementAndGet();
            }
            try {
                listener.onResult(group.key.spec(), result, java.time.Duration.ofNanos(now - started));
            } catch (RuntimeException ex) {
                listenerErrors.incrementAndGet();
            }
            group.deliver(result);
            long next = due + group.intervalNanos;
            post(new Fire(group, next - now > 0 ? next : now));
        }

        /** At the deadline: claim the run first, so the errors cancelling causes are not taken as its result. */
        void expire() {
            if (done.compareAndSet(false, true)) {
                cancel.cancel();
                finish(new CheckResult.TimedOut("no result within " + group.key.spec().timeout().toMillis() + " ms"));
            }
        }
    }

    private record Fire(Group group, long due) {}

    private static final long MAX_PARK_NANOS = 1_000_000_000L;

    private final CheckListener listener;
    private final Ticker ticker;
    private final Probe probe;
    private final Map<GroupKey, Group> groups = new HashMap<>(); // guarded by this
    private final Map<String, GroupKey> keys = new HashMap<>(); // guarded by this
    private final ConcurrentLinkedQueue<Object> inbox = new ConcurrentLinkedQueue<>();
    private final Timeline<Object> timeline = new Timeline<>(); // timer thread only
    private final Thread timer;
    private final Heartbeat heartbeat;
    private final Consumer<Throwable> onDeath;
    private volatile boolean running = true;
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong timedOut = new AtomicLong();
    private final AtomicLong inFlight = new AtomicLong();
    private final AtomicLong listenerErrors = new AtomicLong();

    public CheckEngine(CheckListener listener, Ticker ticker, Probe probe) {
        this(listener, ticker, probe, t -> {});
    }

    /** {@code onDeath}: called on the timer thread when it fails; the engine is dead then. */
    public CheckEngine(CheckListener listener, Ticker ticker, Probe probe, Consumer<Throwable> onDeath) {
        this.listener = listener;
        this.ticker = ticker;
        this.probe = probe;
        this.onDeath = onDeath;
        this.timer = new Thread(this::supervisedLoop, "lvsd-check-timer");
        this.heartbeat = new Heartbeat(timer.getName(), ticker, () -> LockSupport.unpark(timer));
        timer.setDaemon(true);
        timer.start();
    }

    /** Counters since start: runs started, completed, of which timed out, and runs in flight now. */
    public record Stats(long started, long completed, long timedOut, long inFlight, long listenerErrors) {}

    public Stats stats() {
        return new Stats(started.get(), completed.get(), timedOut.get(), inFlight.get(), listenerErrors.get());
    }

    /** The current belief for every registered key. */
    public synchronized Map<String, Health> snapshot() {
        Map<String, Health> out = new LinkedHashMap<>();
        for (Map.Entry<String, GroupKey> e : keys.entrySet()) {
            Group g = groups.get(e.getValue());
            synchronized (g) {
                out.put(e.getKey(), g.subs.get(e.getKey()).tracker.health());
            }
        }
        return out;
    }

    /** How many distinct runs the registered keys need (keys sharing a spec and interval share one). */
    public synchronized int distinctChecks() {
        return groups.size();
    }

    /**
     * Replaces the registered set. A key whose spec and interval are unchanged keeps its health and
     * counters (new rise/fall counts apply from the next result); removed keys are forgotten; new groups
     * start at a hash-spread offset within their interval.
     */
    public synchronized void update(Map<String, CheckConfig> set) {
        for (Map.Entry<String, GroupKey> e : Map.copyOf(keys).entrySet()) {
            CheckConfig c = set.get(e.getKey());
            if (c == null || !new GroupKey(c.spec(), c.interval()).equals(e.getValue())) {
                Group g = groups.get(e.getValue());
                synchronized (g) {
                    g.subs.remove(e.getKey());
                    if (g.subs.isEmpty()) {
                        g.alive = false;
                        groups.remove(g.key);
                    }
                }
                keys.remove(e.getKey());
            }
        }
        long now = ticker.nanos();
        for (Map.Entry<String, CheckConfig> e : set.entrySet()) {
            CheckConfig c = e.getValue();
            GroupKey gk = new GroupKey(c.spec(), c.interval());
            Group g = groups.get(gk);
            if (g == null) {
                g = new Group(gk);
                groups.put(gk, g);
                post(new Fire(g, now + Timeline.spreadOffset(gk, g.intervalNanos)));
            }
            synchronized (g) {
                Sub s = g.subs.get(e.getKey());
                if (s == null) {
                    g.subs.put(e.getKey(), new Sub(c));
                } else {
                    s.rise = c.rise();
                    s.fall = c.fall();
                }
            }
            keys.put(e.getKey(), gk);
        }
    }

    private void post(Object item) {
        inbox.add(item);
        LockSupport.unpark(timer);
    }

    /** The timer thread's pulse (and the fault tests' hook into it). */
    public Heartbeat heartbeat() {
        return heartbeat;
    }

    private void supervisedLoop() {
        try {
            loop();
        } catch (Throwable t) {
            if (running) {
                running = false;
                onDeath.accept(t);
            }
        }
    }

    private void loop() {
        while (running) {
            heartbeat.beat();
            for (Object o; (o = inbox.poll()) != null; ) {
                if (o instanceof Fire f) {
                    timeline.add(f.due(), f);
                }
            }
            long now = ticker.nanos();
            for (Object o : timeline.pollDue(now)) {
                if (o instanceof Fire f) {
                    fire(f.group(), f.due(), now);
                } else {
                    ((Run) o).expire();
                }
            }
            if (inbox.isEmpty()) {
                long wait = timeline.waitNanos(ticker.nanos());
                if (wait < 0 || wait > MAX_PARK_NANOS) {
                    wait = MAX_PARK_NANOS; // at least one turn a second keeps the heartbeat fresh
                }
                if (wait > 0) {
                    LockSupport.parkNanos(this, wait);
                }
            }
        }
    }

    private void fire(Group g, long due, long now) {
        if (!g.alive || !running) {
            return;
        }
        CheckSpec spec = g.nextSpec();
        Run run = new Run(g, due, now);
        long deadline = now + spec.timeout().toNanos();
        started.incrementAndGet();
        inFlight.incrementAndGet();
        timeline.add(deadline, run);
        try {
            run.cancel = probe.start(spec, deadline, run::complete);
            if (run.done.get()) {
                run.cancel.cancel(); // finished before we stored the handle; make sure nothing lingers
            }
        } catch (RuntimeException ex) {
            run.complete(new CheckResult.Down("check could not start: " + ex));
        }
    }

    @Override
    public void close() {
        running = false;
        synchronized (this) {
            for (Group g : groups.values()) {
                g.alive = false;
            }
        }
        LockSupport.unpark(timer);
        try {
            timer.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Cancel what is still running so no socket or process outlives the engine.
        for (Object o : timeline.drain()) {
            if (o instanceof Run r && r.done.compareAndSet(false, true)) {
                r.cancel.cancel();
            }
        }
    }
}
