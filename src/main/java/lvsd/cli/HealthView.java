package lvsd.cli;

import java.util.Iterator;
import java.util.Map;
import lvsd.inet.Addresses;
import lvsd.ipvs.DestinationState;
import lvsd.ipvs.IpvsTable;
import lvsd.ipvs.ServiceState;
import lvsd.status.StatusSnapshot;
import lvsd.status.VrrpStatusText;

/**
 * {@code lvsd status --health}: ipvsadm's listing with one more column, where the running daemon says each
 * destination stands (up, quiesced, awaiting its first check, fallback…), then the daemon and VRRP lines.
 * The columns ipvsadm prints are left exactly as they are, so scripts that cut them keep working.
 */
final class HealthView {
    private HealthView() {}

    static String render(IpvsTable table, String ipvsadmText, DaemonStatusFile daemon) {
        Map<String, String> statuses = daemon == null ? Map.of() : daemon.realStatuses();
        StringBuilder out = new StringBuilder();
        Iterator<ServiceState> services = table.services().iterator();
        ServiceState service = null;
        Iterator<DestinationState> dests = null;
        int lineNo = 0;
        for (String line : ipvsadmText.split("\n", -1)) {
            lineNo++;
            if (line.isEmpty()) {
                continue;
            }
            if (lineNo == 3 && line.startsWith("  -> RemoteAddress")) {
                out.append(line).append(" Health\n");
            } else if (line.startsWith("  -> ") && dests != null && dests.hasNext()) {
                DestinationState d = dests.next();
                String endpoint = Addresses.withPort(d.destination().address(), d.destination().port());
                String st = statuses.get(DaemonStatusFile.key(service.service().key().ipvsadm(), endpoint));
                out.append(line).append(' ').append(st == null ? "-" : st.replace(' ', '_')).append('\n');
            } else if (lineNo > 3 && !line.startsWith(" ") && services.hasNext()) {
                service = services.next();
                dests = service.destinations().iterator();
                out.append(line).append('\n');
            } else {
                out.append(line).append('\n');
            }
        }
        if (daemon == null) {
            out.append("lvsd: no running daemon (no live /run/lvsd.*.json status file)\n");
            return out.toString();
        }
        out.append("Daemon: ").append(daemon.describe()).append('\n');
        StatusSnapshot.Vrrp vrrp = daemon.snapshot().vrrp();
        if (vrrp != null) {
            for (StatusSnapshot.Instance i : vrrp.instances()) {
                out.append("VRRP: ").append(VrrpStatusText.instanceLine(i)).append('\n');
            }
        }
        return out.toString();
    }
}
