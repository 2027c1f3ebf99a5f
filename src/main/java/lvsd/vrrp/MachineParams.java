package lvsd.vrrp;

import java.net.Inet4Address;
import java.util.Objects;

/**
 * The fixed inputs of one instance's state machine.
 *
 * @param intervalCs      our Advertisement_Interval in centiseconds (v2: a multiple of 100)
 * @param preempt         Preempt_Mode (false = keepalived's {@code nopreempt})
 * @param preemptDelayNs  keepalived's {@code preempt_delay}; 0 = none
 * @param initialMaster   {@code state MASTER}: a non-owner waits one interval instead of Master_Down_Interval
 * @param localAddress    our primary address, the tie-breaker between equal priorities
 * @param healSplitBrain  as Master, answer a lower-priority advert with an advert and a GARP burst at once
 *                        (keepalived's default advert plus {@code garp_lower_prio_repeat}), and when yielding to a
 *                        higher priority send one advert with ours first (keepalived's
 *                        {@code higher_prio_send_advert}), so the winner learns of the split and re-sends GARPs
 */
public record MachineParams(int version, int intervalCs, boolean preempt, long preemptDelayNs,
                            boolean initialMaster, Inet4Address localAddress, boolean healSplitBrain) {
    public MachineParams {
        Objects.requireNonNull(localAddress, "localAddress");
        if (preemptDelayNs < 0) {
            throw new IllegalArgumentException("preempt delay must not be negative");
        }
    }
}
