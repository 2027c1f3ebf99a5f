package lvsd.vrrp;

import java.util.List;
import lvsd.config.Notify;

/**
 * RFC states plus keepalived's FAULT (a weight-0 tracker failing, or the interface down) and lvsd's RESIGNING: a
 * stopping Master that has sent priority 0 and keeps its VIPs until another router's advert says it took over.
 */
public enum VrrpState {
    INIT, BACKUP, MASTER, FAULT, RESIGNING;

    /** The notify hook run on entering this state, or an empty list (INIT is keepalived's notify_stop). */
    public List<String> hookIn(Notify hooks) {
        return switch (this) {
            case MASTER -> hooks.master();
            case BACKUP -> hooks.backup();
            case FAULT -> hooks.fault();
            case INIT -> hooks.stop();
            case RESIGNING -> List.of(); // not announced: notify_stop runs when the VIPs are released
        };
    }
}
