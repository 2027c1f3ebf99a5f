package lvsd.status;

import java.util.Map;

/**
 * VRRP's plain status text (docs/vrrp.md, "Status and counters"): one {@code instance} line per instance
 * followed by its counters, then the per-interface counters. What {@code lvsd vrrp-run --status-file} and
 * {@code lvsd run --vrrp-status-file} write.
 */
public final class VrrpStatusText {
    private VrrpStatusText() {}

    public static String render(StatusSnapshot.Vrrp v) {
        StringBuilder sb = new StringBuilder();
        for (StatusSnapshot.Instance i : v.instances()) {
            sb.append(instanceLine(i)).append('\n');
            counters(sb, "counter " + i.name() + " ", i.counters());
        }
        for (StatusSnapshot.InterfaceCounters c : v.interfaces()) {
            counters(sb, "counter iface:" + c.iface() + " ", c.counters());
        }
        return sb.toString();
    }

    /** {@code instance VI_1 state MASTER priority 150 base 150 vrid 51 iface eth0 fault no} */
    public static String instanceLine(StatusSnapshot.Instance i) {
        return "instance " + i.name() + " state " + i.state() + " priority " + i.priority() + " base " + i.base()
                + " vrid " + i.vrid() + " iface " + i.iface() + " fault " + (i.fault() ? "yes" : "no");
    }

    private static void counters(StringBuilder sb, String prefix, Map<String, Long> counters) {
        counters.forEach((k, n) -> sb.append(prefix).append(k).append(' ').append(n).append('\n'));
    }
}
