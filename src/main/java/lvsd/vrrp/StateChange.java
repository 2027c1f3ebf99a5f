package lvsd.vrrp;

/** An instance changed state; delivered to {@link VrrpService} listeners on the VRRP thread. */
public record StateChange(String instance, VrrpState from, VrrpState to, int priority) {}
