package lvsd.vrrp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The VRRP state machine of one instance (vrrp.md §6, keepalived's extensions §9): a value. Every event
 * method takes the current monotonic time and returns the next machine plus the actions to perform. The
 * single timer is Master_Down_Timer in BACKUP and Adver_Timer in MASTER; {@link #timerAt()} says when to
 * call {@link #timer(long)} next, and in RESIGNING the deadline for the hand-over.
 *
 * @param priority         effective priority (255 for an owner; trackers are applied by the caller)
 * @param fault            a weight-0 tracker fails or the interface is down
 * @param masterIntervalCs Master_Adver_Interval (v3 learns it from the master's adverts)
 * @param preemptAt        with preempt_delay: when lower-priority adverts stop being accepted; NONE if unarmed
 */
public record VrrpMachine(MachineParams params, VrrpState state, int priority, boolean fault, long timerAt,
                          int masterIntervalCs, long preemptAt) {

    public static final long NONE = Long.MAX_VALUE;

    /** A result: the next machine and what to do, in order. */
    public record Step(VrrpMachine next, List<Action> actions) {
        public Step {
            actions = List.copyOf(actions);
        }
    }

    public static VrrpMachine initial(MachineParams p, int priority, boolean fault) {
        return new VrrpMachine(p, VrrpState.INIT, priority, fault, NONE, p.intervalCs(), NONE);
    }

    public boolean owner() {
        return priority == 255;
    }

    long intervalNs() {
        return params.intervalCs() * Timing.NANOS_PER_CS;
    }

    long masterDownNs() {
        return Timing.masterDownNanos(params.version(), priority, masterIntervalCs);
    }

    long skewNs() {
        return Timing.skewNanos(params.version(), priority, masterIntervalCs);
    }

    private VrrpMachine with(VrrpState s, long timer, int masterInt, long preempt) {
        return new VrrpMachine(params, s, priority, fault, timer, masterInt, preempt);
    }

    private static Step step(VrrpMachine m, Action... actions) {
        return new Step(m, Arrays.asList(actions));
    }

    // ---- events ---------------------------------------------------------------------------------------

    /** Startup (§6.1): owner → Master at once; otherwise Backup (a {@code state MASTER} wish waits one interval). */
    public Step start(long now) {
        if (state != VrrpState.INIT) {
            return step(this);
        }
        if (fault) {
            return step(with(VrrpState.FAULT, NONE, params.intervalCs(), NONE),
                    new Action.Transition(VrrpState.INIT, VrrpState.FAULT, priority));
        }
        if (owner()) {
            return becomeMaster(now);
        }
        VrrpMachine b = with(VrrpState.BACKUP, NONE, params.intervalCs(), NONE);
        long wait = params.initialMaster()
                ? intervalNs() + Timing.skewNanos(params.version(), 255, params.intervalCs())
                : b.masterDownNs();
        return step(b.withTimer(now + wait), new Action.Transition(VrrpState.INIT, VrrpState.BACKUP, priority));
    }

    /** The timer fired (callers may call early: nothing happens before {@link #timerAt()}). */
    public Step timer(long now) {
        if (now - timerAt < 0 || timerAt == NONE) {
            return step(this);
        }
        return switch (state) {
            case BACKUP -> becomeMaster(now);
            case MASTER -> step(withTimer(now + intervalNs()), new Action.SendAdvert(priority));
            case RESIGNING -> release(); // nobody took over within Master_Down_Interval
            default -> step(this);
        };
    }

    /** An advert for our VRID that passed {@link AdvertFilter}. */
    public Step advert(long now, Inbound in) {
        Advert a = in.advert();
        return switch (state) {
            case BACKUP -> backupReceives(now, a);
            case MASTER -> masterReceives(now, in);
            case RESIGNING -> a.priority() == 0 ? step(this) : handedOver(now, a);
            default -> step(this); // INIT and FAULT ignore adverts
        };
    }

    private Step backupReceives(long now, Advert a) {
        if (a.priority() == 0) {
            return step(withTimer(now + skewNs())); // the master resigns: take over after Skew_Time
        }
        boolean higherOrEqual = a.priority() >= priority;
        boolean delaying = params.preemptDelayNs() > 0 && (preemptAt == NONE || now - preemptAt < 0);
        if (params.preempt() && !higherOrEqual && !delaying) {
            return step(this); // discard: our Master_Down_Timer keeps running, so we preempt when it fires
        }
        long preempt = preemptAt;
        if (params.preemptDelayNs() > 0) {
            preempt = higherOrEqual ? NONE : (preemptAt == NONE ? now + params.preemptDelayNs() : preemptAt);
        }
        int learned = params.version() == 3 ? a.intervalCs() : masterIntervalCs;
        VrrpMachine b = with(VrrpState.BACKUP, NONE, learned, preempt);
        return step(b.withTimer(now + b.masterDownNs()));
    }

    private Step masterReceives(long now, Inbound in) {
        Advert a = in.advert();
        if (a.priority() == 0) {
            return step(withTimer(now + intervalNs()), new Action.SendAdvert(priority));
        }
        int cmp = compareAddress(in.source().getAddress(), params.localAddress().getAddress());
        if (a.priority() > priority || (a.priority() == priority && cmp > 0)) {
            int learned = params.version() == 3 ? a.intervalCs() : masterIntervalCs;
            VrrpMachine b = with(VrrpState.BACKUP, NONE, learned, NONE);
            if (params.healSplitBrain()) {
                // keepalived's higher_prio_send_advert: one last advert with our priority tells the winner that
                // another master existed, so it re-sends GARPs for neighbours that had followed us.
                return step(b.withTimer(now + b.masterDownNs()), new Action.SendAdvert(priority),
                        new Action.RemoveVips(), new Action.Transition(VrrpState.MASTER, VrrpState.BACKUP, priority));
            }
            return step(b.withTimer(now + b.masterDownNs()), new Action.RemoveVips(),
                    new Action.Transition(VrrpState.MASTER, VrrpState.BACKUP, priority));
        }
        if (a.priority() == priority && cmp == 0) {
            return step(this); // our own advert looped back
        }
        if (!params.healSplitBrain()) {
            return step(this);
        }
        // A lower-priority master exists (split brain healing): assert ourselves now so it yields at once,
        // and re-announce the VIPs so neighbours that followed the other master come back.
        return step(withTimer(now + intervalNs()), new Action.SendAdvert(priority), new Action.Garp());
    }

    /**
     * New effective priority or fault flag from the trackers. In BACKUP the running Master_Down_Timer is
     * re-based by the change of Master_Down_Interval (keepalived does the same).
     */
    public Step track(long now, int newPriority, boolean newFault) {
        VrrpMachine m = new VrrpMachine(params, state, newPriority, newFault, timerAt, masterIntervalCs, preemptAt);
        if (state == VrrpState.RESIGNING) {
            return step(m); // already leaving; the hand-over ends by advert or deadline either way
        }
        if (newFault && state != VrrpState.FAULT && state != VrrpState.INIT) {
            List<Action> acts = new ArrayList<>();
            if (state == VrrpState.MASTER) {
                acts.add(new Action.SendAdvert(0));
                acts.add(new Action.RemoveVips());
            }
            acts.add(new Action.Transition(state, VrrpState.FAULT, newPriority));
            return new Step(m.with(VrrpState.FAULT, NONE, masterIntervalCs, NONE), acts);
        }
        if (!newFault && state == VrrpState.FAULT) {
            if (m.owner()) {
                return m.becomeMaster(now);
            }
            VrrpMachine b = m.with(VrrpState.BACKUP, NONE, params.intervalCs(), NONE);
            return step(b.withTimer(now + b.masterDownNs()),
                    new Action.Transition(VrrpState.FAULT, VrrpState.BACKUP, newPriority));
        }
        if (state == VrrpState.BACKUP && timerAt != NONE) {
            return step(m.withTimer(timerAt + m.masterDownNs() - masterDownNs()));
        }
        return step(m);
    }

    /**
     * Graceful stop: a Master resigns with a priority-0 advert so a Backup takes over after Skew_Time, but keeps
     * its VIPs (RESIGNING) until one advert interval after that Backup's first advert as Master, or for at most
     * Master_Down_Interval, so that there is no moment at which no router holds them. keepalived removes them
     * at once and leaves a gap of the Backup's Skew_Time.
     */
    public Step shutdown(long now) {
        if (state == VrrpState.MASTER) {
            return step(with(VrrpState.RESIGNING, now + masterDownNs(), masterIntervalCs, NONE),
                    new Action.SendAdvert(0));
        }
        if (state == VrrpState.INIT || state == VrrpState.RESIGNING) {
            return step(this);
        }
        return step(with(VrrpState.INIT, NONE, masterIntervalCs, NONE),
                new Action.Transition(state, VrrpState.INIT, priority));
    }

    /**
     * Any advert but a resignation comes from the new Master. keepalived (2.2 and later) sends that first advert
     * before it adds the VIPs and sends its GARPs, so the VIPs stay one more advert interval: by then the new
     * Master holds them and the neighbours follow it. Later adverts do not extend the wait.
     */
    private Step handedOver(long now, Advert a) {
        long interval = (params.version() == 3 ? a.intervalCs() : params.intervalCs()) * Timing.NANOS_PER_CS;
        long at = now + interval;
        return at - timerAt < 0 ? step(withTimer(at)) : step(this);
    }

    private Step release() {
        return step(with(VrrpState.INIT, NONE, masterIntervalCs, NONE), new Action.RemoveVips(),
                new Action.Transition(VrrpState.MASTER, VrrpState.INIT, priority));
    }

    /** Sync group: a member became Master, so this one follows unless it is in FAULT. */
    public Step forceMaster(long now) {
        return state == VrrpState.BACKUP ? becomeMaster(now) : step(this);
    }

    /** Sync group: a member became Backup (or went to FAULT), so a Master member steps down too. */
    public Step forceBackup(long now) {
        if (state != VrrpState.MASTER) {
            return step(this);
        }
        VrrpMachine b = with(VrrpState.BACKUP, NONE, masterIntervalCs, NONE);
        return step(b.withTimer(now + b.masterDownNs()), new Action.SendAdvert(0), new Action.RemoveVips(),
                new Action.Transition(VrrpState.MASTER, VrrpState.BACKUP, priority));
    }

    private Step becomeMaster(long now) {
        VrrpMachine m = with(VrrpState.MASTER, now + intervalNs(), params.intervalCs(), NONE);
        // VIPs and GARPs before the advert (keepalived 2.2 sends the advert first): the master we preempt releases
        // the VIPs when it hears that advert, so the neighbours already follow us and no SYN finds nobody.
        return step(m, new Action.AddVips(), new Action.Garp(), new Action.SendAdvert(priority),
                new Action.Transition(state, VrrpState.MASTER, priority));
    }

    private VrrpMachine withTimer(long at) {
        return new VrrpMachine(params, state, priority, fault, at, masterIntervalCs, preemptAt);
    }

    /** Unsigned byte-wise comparison, most significant byte first (network order as an unsigned integer). */
    static int compareAddress(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }
}
