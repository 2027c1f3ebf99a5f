package lvsd.vrrp;

import java.util.List;
import lvsd.config.Notify;

/** RFC states plus keepalived's FAULT (a weight-0 tracker failing, or the interface down). */
public enum VrrpState {
    INIT, BACKUP, MASTER, FAULT;

    /** The notify hook run on entering this state, or an empty list (INIT is keepalived's notify_stop). */
    public List<String> hookIn(Notify hooks) {
        return switch (this) {
            case MASTER -> hooks.master();
            case BACKUP -> hooks.backup();
            case FAULT -> hooks.fault();
            case INIT -> hooks.stop();
        };
    }
}
