package lvsd.vrrp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import lvsd.clock.Heartbeat;
import lvsd.clock.Ticker;
import lvsd.process.Launcher;
import lvsd.config.InstanceConfig;
import lvsd.config.ScriptConfig;
import lvsd.config.SyncGroupConfig;
import lvsd.config.Tracker;
import lvsd.config.VrrpConfig;
import lvsd.status.StatusSnapshot;
import lvsd.status.VrrpStatusText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every configured VRRP instance on one thread: receives and validates adverts, fires timers, follows
 * trackers, and performs the state machines' actions through {@link VrrpIo}. {@link #close()} is the graceful
 * stop: each Master sends a priority-0 advert, so a Backup takes over after Skew_Time, and removes its VIPs when
 * that Backup's first advert arrives (at most Master_Down_Interval later); close returns after that.
 * If anything escapes the thread's loop, it removes the VIPs it holds (a Backup takes over once the adverts stop)
 * and tells its owner through {@code onDeath}, which restarts VRRP or exits; it never dies silently.
 */
public final class VrrpService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(VrrpService.class);
    private static final long TRACK_POLL_NS = 100_000_000L;
    /** The status snapshot is rebuilt at most this often (and on every transition), not per packet. */
    private static final long PUBLISH_NS = 50_000_000L;
    private static final int MAX_QUEUED_READ = 64;

    private final VrrpConfig config;
    private final VrrpIo io;
    private final Ticker ticker;
    private final VirtualHealth health;
    private final ConnectionSync connectionSync;
    private final Map<String, Instance> byName = new LinkedHashMap<>();
    private final Map<String, Instance> byIfaceVrid = new HashMap<>();
    private SyncGroups groups;
    private final Map<String, Counters> ifaceCounters = new LinkedHashMap<>();
    private final List<Consumer<StateChange>> listeners = new CopyOnWriteArrayList<>();
    private final Notifier notifier;
    private final ScriptRunner scripts;
    private final Thread thread;
    private final Heartbeat heartbeat;
    private volatile Consumer<Throwable> onDeath = t -> {};
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stopping;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean trackersChanged = true;
    private volatile StatusSnapshot.Vrrp statusSnapshot = new StatusSnapshot.Vrrp(List.of(), List.of());
    private long nextTrackPoll;
    private long lastPublish;

    private VrrpService(VrrpConfig config, VrrpIo io, Ticker ticker, VirtualHealth health, ConnectionSync connectionSync,
                        Launcher launcher, long notifyDeadlineMillis) throws VrrpIoException {
        this.config = config;
        this.io = io;
        this.ticker = ticker;
        this.health = health;
        this.connectionSync = connectionSync;
        for (InstanceConfig ic : config.instances()) {
            Instance inst = new Instance(ic);
            if (!inst.tryReady(io)) {
                log.warn("{}: {}; FAULT until it is usable", ic.name(), inst.unavailable);
            }
            byName.put(ic.name(), inst);
            byIfaceVrid.put(ic.iface() + "/" + ic.vrid(), inst);
            ifaceCounters.computeIfAbsent(ic.iface(), k -> new Counters());
        }
        this.groups = SyncGroups.of(config.groups());
        this.notifier = new Notifier(launcher, notifyDeadlineMillis);
        List<ScriptConfig> tracked = config.scripts().stream().filter(s -> config.instances().stream()
                .anyMatch(i -> i.trackers().stream().anyMatch(t -> t.kind() == Tracker.Kind.SCRIPT
                        && t.name().equals(s.name())))).toList();
        this.scripts = new ScriptRunner(tracked, launcher, this::trackersChanged);
        this.thread = new Thread(this::loop, "vrrp");
        this.heartbeat = new Heartbeat(thread.getName(), ticker, io::wakeup);
    }

    /**
     * Opens the sockets and starts the VRRP thread. {@code io} is the network (on Linux
     * {@code lvsd.vrrp.sys.LinuxVrrpIo}); {@code launcher} runs notify hooks and vrrp_scripts.
     *
     * @throws VrrpIoException if an interface is missing or sockets cannot be opened (e.g. no CAP_NET_RAW)
     */
    public static VrrpService start(VrrpConfig config, VrrpIo io, Ticker ticker, VirtualHealth health,
                                    ConnectionSync connectionSync, Launcher launcher, Consumer<StateChange> listener)
            throws VrrpIoException {
        return start(config, io, ticker, health, connectionSync, launcher, listener, t -> {});
    }

    /**
     * As above; {@code onDeath} is called on the VRRP thread, after it released its VIPs, if the thread fails.
     */
    public static VrrpService start(VrrpConfig config, VrrpIo io, Ticker ticker, VirtualHealth health,
                                    ConnectionSync connectionSync, Launcher launcher, Consumer<StateChange> listener,
                                    Consumer<Throwable> onDeath) throws VrrpIoException {
        VrrpService s = new VrrpService(config, io, ticker, health, connectionSync, launcher, 10_000);
        if (listener != null) {
            s.listeners.add(listener);
        }
        s.onDeath = onDeath;
        s.thread.start();
        return s;
    }

    /** The VRRP thread's pulse (and the fault tests' hook into it). */
    public Heartbeat heartbeat() {
        return heartbeat;
    }

    public void onStateChange(Consumer<StateChange> listener) {
        listeners.add(listener);
    }

    /** Tells the VRRP thread to re-read trackers now (e.g. the director saw a real server change). */
    public void trackersChanged() {
        trackersChanged = true;
        io.wakeup();
    }

    /** Current states, tracker results and all counters, as of the last publication (any thread). */
    public StatusSnapshot.Vrrp snapshot() {
        return statusSnapshot;
    }

    /** The snapshot as {@code key value} lines (see docs/vrrp.md, "Status and counters"). */
    public String status() {
        return VrrpStatusText.render(statusSnapshot);
    }

    public VrrpState state(String instance) {
        Instance i = byName.get(instance);
        return i == null ? null : i.machine.state();
    }

    /** Counters of one instance, or of an interface's undecodable / unknown-VRID packets with {@code "iface:"+name}. */
    public Counters counters(String name) {
        if (name.startsWith("iface:")) {
            return ifaceCounters.get(name.substring(6));
        }
        Instance i = byName.get(name);
        return i == null ? null : i.counters;
    }

    // ---- the VRRP thread ------------------------------------------------------------------------------

    private void loop() {
        try {
            long now = ticker.nanos();
            updateTrackers(now, true);
            for (Instance i : byName.values()) {
                if (i.cfg.priority() != 255 && i.ready) {
                    // A VIP left behind by a crash (kill -9) must not linger on a node that starts as Backup.
                    i.removeVips(io);
                }
                apply(i, i.machine.start(now), now);
            }
            publishStatus();
            while (!stopping) {
                heartbeat.beat();
                now = ticker.nanos();
                if (trackersChanged || now - nextTrackPoll >= 0) {
                    updateTrackers(now, false);
                }
                if (anyTimerDue(now)) {
                    now = readQueued();
                }
                long next = nextTrackPoll;
                for (Instance i : byName.values()) {
                    if (i.machine.timerAt() != VrrpMachine.NONE && now - i.machine.timerAt() >= 0) {
                        apply(i, i.machine.timer(now), now);
                    }
                    i.garpTimer(io, now);
                    next = earliest(next, i.machine.timerAt());
                    next = earliest(next, i.nextGarpBurst);
                }
                if (now - lastPublish >= PUBLISH_NS) {
                    publishStatus();
                    lastPublish = now;
                }
                next = earliest(next, lastPublish + PUBLISH_NS);
                VrrpIo.Packet p = io.receive(Math.max(0, next - ticker.nanos()));
                if (p != null) {
                    receive(p, ticker.nanos());
                }
            }
            now = ticker.nanos();
            for (Instance i : byName.values()) {
                apply(i, i.machine.shutdown(now), now);
            }
            awaitHandOver();
            publishStatus();
        } catch (Throwable t) {
            log.error("VRRP thread failed; releasing VIPs", t);
            for (Instance i : byName.values()) {
                if (i.machine.state() == VrrpState.MASTER || i.machine.state() == VrrpState.RESIGNING) {
                    try {
                        i.removeVips(io);
                    } catch (RuntimeException e) {
                        log.error("{}: cannot remove the VIPs: {}", i.cfg.name(), e.toString());
                    }
                }
            }
            if (!stopping) {
                try {
                    onDeath.accept(t);
                } catch (RuntimeException e) {
                    log.error("reporting the VRRP thread's failure failed", e);
                }
            }
        } finally {
            stopped.countDown();
        }
    }

    /**
     * After the priority-0 adverts: keep receiving until every RESIGNING instance has heard another router's
     * advert (or its Master_Down_Interval passed), so the VIPs are released only once someone else holds them.
     */
    private void awaitHandOver() throws VrrpIoException {
        publishStatus();
        while (true) {
            long now = ticker.nanos();
            long next = VrrpMachine.NONE;
            for (Instance i : byName.values()) {
                if (i.machine.state() == VrrpState.RESIGNING) {
                    if (now - i.machine.timerAt() >= 0) {
                        apply(i, i.machine.timer(now), now);
                    } else {
                        next = earliest(next, i.machine.timerAt());
                    }
                }
            }
            if (next == VrrpMachine.NONE) {
                return;
            }
            heartbeat.beat();
            VrrpIo.Packet p = io.receive(Math.max(0, next - ticker.nanos()));
            if (p != null) {
                receive(p, ticker.nanos());
            }
        }
    }

    private boolean anyTimerDue(long now) {
        for (Instance i : byName.values()) {
            if (i.machine.timerAt() != VrrpMachine.NONE && now - i.machine.timerAt() >= 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Before a timer fires, the adverts already queued are read: a thread that was not scheduled for longer than
     * Master_Down_Interval (a GC pause, a starved machine) would otherwise take over from a master whose adverts
     * are waiting in the socket. Bounded, so a flood cannot hold the timers back for ever. Returns the time after.
     */
    private long readQueued() throws VrrpIoException {
        for (int n = 0; n < MAX_QUEUED_READ; n++) {
            VrrpIo.Packet p = io.receive(0);
            if (p == null) {
                break;
            }
            receive(p, ticker.nanos());
        }
        return ticker.nanos();
    }

    private static long earliest(long a, long b) {
        return b - a < 0 ? b : a; // NONE (Long.MAX_VALUE) never wins against a real deadline
    }

    private void receive(VrrpIo.Packet p, long now) {
        Counters ifc = ifaceCounters.get(p.iface());
        Inbound in;
        try {
            in = AdvertCodec.decode(p.data(), p.length());
        } catch (BadPacketException e) {
            ifc.drop(e.reason());
            log.debug("dropped packet on {}: {}", p.iface(), e.getMessage());
            return;
        }
        Instance inst = byIfaceVrid.get(p.iface() + "/" + in.advert().vrid());
        if (inst == null) {
            ifc.drop(Drop.UNKNOWN_VRID);
            return;
        }
        Drop d = inst.filter.check(in);
        if (d == null && in.source().equals(inst.localAddress)) {
            d = Drop.OWN_ADVERT;
        }
        if (d != null) {
            inst.counters.drop(d);
            log.debug("{}: dropped advert from {}: {}", inst.cfg.name(), in.source().getHostAddress(), d);
            return;
        }
        if (inst.cfg.version() == 3 && inst.filter.addressListDiffers(in.advert())) {
            inst.counters.addressListMismatch.incrementAndGet();
        }
        inst.counters.advertsReceived.incrementAndGet();
        if (in.advert().priority() == 0) {
            inst.counters.priorityZeroReceived.incrementAndGet();
        }
        apply(inst, inst.machine.advert(now, in), now);
    }

    private void updateTrackers(long now, boolean initial) {
        trackersChanged = false;
        nextTrackPoll = now + TRACK_POLL_NS;
        Map<String, Boolean> fault = new HashMap<>();
        Map<String, Integer> prio = new HashMap<>();
        Tracking.Observed observed = new Tracking.Observed() {
            @Override
            public boolean linkUp(String iface) {
                return io.linkUp(iface);
            }

            @Override
            public boolean scriptOk(String name) {
                return scripts.ok(name);
            }

            @Override
            public boolean virtualHealthy(String name) {
                return health.hasHealthyReal(name);
            }
        };
        for (Instance i : byName.values()) {
            if (!i.ready) {
                try {
                    if (i.tryReady(io)) {
                        log.info("{}: {} is usable now", i.cfg.name(), i.cfg.iface());
                    }
                } catch (VrrpIoException e) {
                    i.unavailable = e.getMessage();
                }
            }
            Tracking.Verdict v = Tracking.evaluate(i.cfg, i.ready ? null : i.unavailable, observed);
            boolean f = v.fault();
            String reason = v.reason();
            List<StatusSnapshot.Tracker> results = v.observations().stream()
                    .map(o -> new StatusSnapshot.Tracker(o.tracker().kind().name().toLowerCase(java.util.Locale.ROOT),
                            o.tracker().name(), o.tracker().weight(), o.ok(), o.contribution()))
                    .toList();
            if (f != i.ownFault || !reason.equals(i.faultReason)) {
                if (f) {
                    log.warn("{}: fault: {}", i.cfg.name(), reason);
                } else if (i.ownFault) {
                    log.info("{}: fault cleared", i.cfg.name());
                }
            }
            i.ownFault = f;
            i.faultReason = reason;
            i.trackerResults = List.copyOf(results);
            fault.put(i.cfg.name(), f);
            prio.put(i.cfg.name(), v.priority());
        }
        for (Instance i : byName.values()) {
            boolean f = groups.fault(i.cfg.name(), fault);
            int p = prio.get(i.cfg.name());
            if (initial) {
                i.machine = new VrrpMachine(i.machine.params(), i.machine.state(), p, f, i.machine.timerAt(),
                        i.machine.masterIntervalCs(), i.machine.preemptAt());
            } else if (p != i.machine.priority() || f != i.machine.fault()) {
                if (p != i.machine.priority()) {
                    log.info("{}: effective priority {} -> {}", i.cfg.name(), i.machine.priority(), p);
                }
                apply(i, i.machine.track(now, p, f), now);
            }
        }
    }

    private void apply(Instance i, VrrpMachine.Step step, long now) {
        i.machine = step.next();
        boolean transition = step.actions().stream().anyMatch(a -> a instanceof Action.Transition);
        for (Action a : step.actions()) {
            if (a instanceof Action.SendAdvert s) {
                i.sendAdvert(io, s.priority());
            } else if (a instanceof Action.AddVips) {
                i.addVips(io);
            } else if (a instanceof Action.RemoveVips) {
                i.removeVips(io);
            } else if (a instanceof Action.Garp) {
                i.startGarp(io, now, transition);
            } else if (a instanceof Action.Transition t) {
                transition(i, t, now);
            }
        }
    }

    private void transition(Instance i, Action.Transition t, long now) {
        lastPublish = now - PUBLISH_NS; // publish the new state on the next loop turn
        log.info("{}: {} -> {} (priority {})", i.cfg.name(), t.from(), t.to(), t.priority());
        if (t.to() == VrrpState.MASTER) {
            i.counters.becameMaster.incrementAndGet();
        }
        if (t.from() == VrrpState.MASTER) {
            i.counters.leftMaster.incrementAndGet();
        }
        notifier.transition("INSTANCE", i.cfg.name(), i.cfg.hooks(), t.to(), t.priority());
        switchSyncDaemon(i, t.to());
        StateChange change = new StateChange(i.cfg.name(), t.from(), t.to(), t.priority());
        for (Consumer<StateChange> l : listeners) {
            try {
                l.accept(change);
            } catch (RuntimeException e) {
                log.warn("state listener failed", e);
            }
        }
        SyncGroups.Propagation p = groups.transition(i.cfg.name(), t.to(), stopping);
        groups = p.next(); // before the orders: the members they move find the group there already
        if (p.notifyGroup() != null) {
            SyncGroupConfig g = p.notifyGroup();
            notifier.transition("GROUP", g.name(), g.hooks(), t.to(), t.priority());
        }
        for (SyncGroups.Order o : p.orders()) {
            Instance other = byName.get(o.instance());
            apply(other, o.to() == VrrpState.MASTER ? other.machine.forceMaster(now) : other.machine.forceBackup(now),
                    now);
        }
    }

    private void switchSyncDaemon(Instance i, VrrpState to) {
        if (i.cfg.lvsSyncIf() == null) {
            return;
        }
        Applied a = switch (to) {
            case MASTER -> connectionSync.becomeMaster(i.cfg.lvsSyncIf(), i.cfg.lvsSyncId());
            case BACKUP -> connectionSync.becomeBackup(i.cfg.lvsSyncIf(), i.cfg.lvsSyncId());
            default -> connectionSync.stop(i.cfg.lvsSyncIf(), i.cfg.lvsSyncId());
        };
        if (a instanceof Applied.Refused r) {
            log.warn("{}: IPVS sync daemon switch to {} failed: {}", i.cfg.name(), to, r.why());
        }
    }

    private void publishStatus() {
        List<StatusSnapshot.Instance> instances = new ArrayList<>();
        for (Instance i : byName.values()) {
            VrrpMachine m = i.machine;
            instances.add(new StatusSnapshot.Instance(i.cfg.name(), m.state().name(), m.priority(), i.cfg.priority(),
                    i.cfg.vrid(), i.cfg.iface(), m.fault(), i.ownFault ? i.faultReason : "", i.trackerResults,
                    i.counters.byName()));
        }
        List<StatusSnapshot.InterfaceCounters> ifaces = new ArrayList<>();
        for (Map.Entry<String, Counters> e : ifaceCounters.entrySet()) {
            ifaces.add(new StatusSnapshot.InterfaceCounters(e.getKey(), e.getValue().byName()));
        }
        statusSnapshot = new StatusSnapshot.Vrrp(instances, ifaces);
    }

    /**
     * Graceful stop: priority-0 adverts from Masters, VIPs removed once another router's advert is heard (or after
     * Master_Down_Interval), STOP notifications run. Blocks until then.
     */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return; // closing twice would close file descriptors that may have been reused
        }
        stopping = true;
        io.wakeup();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scripts.close();
        notifier.close();
        io.close();
    }

    /** The instances in config order (for status displays). */
    public List<String> instanceNames() {
        return new ArrayList<>(byName.keySet());
    }

    VrrpConfig config() {
        return config;
    }
}
