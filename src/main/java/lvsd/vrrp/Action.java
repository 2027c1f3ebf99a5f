package lvsd.vrrp;

/** What the pure state machine asks the I/O edge to do, in the order it must be done. */
public sealed interface Action {
    /** Send an advertisement now with this priority (0 = resigning). */
    record SendAdvert(int priority) implements Action {}

    /** Add the virtual addresses to their interfaces. */
    record AddVips() implements Action {}

    /** Remove the virtual addresses. */
    record RemoveVips() implements Action {}

    /** Start a gratuitous ARP burst for every VIP (and schedule the delayed second burst / refresh). */
    record Garp() implements Action {}

    /** The instance changed state: run notify scripts, tell listeners, switch the sync daemon. */
    record Transition(VrrpState from, VrrpState to, int priority) implements Action {}
}
