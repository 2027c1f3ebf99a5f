package lvsd.cli;

import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lvsd.inet.Addresses;
import lvsd.ipvs.DestinationState;
import lvsd.ipvs.IpvsTable;
import lvsd.ipvs.ServiceState;
import lvsd.status.StatusSnapshot;
import lvsd.status.VrrpStatusText;

/**
 * {@code lvsd status --health} and {@code lvsd status -f FILE}: ipvsadm's listing with one more column, where
 * the running daemons say each destination stands (up, quiesced, awaiting its first check, fallback…), then per
 * daemon its line, the virtuals on their fallback server, every check (last result, latency, since when) and
 * each VRRP instance with what its trackers take off its priority. The columns ipvsadm prints are left exactly
 * as they are, so scripts that cut them keep working.
 */
final class HealthView {
    private HealthView() {}

    /** Terminal colours for states; plain text when not on a terminal. */
    enum Colour {
        NONE, ANSI;

        String paint(String word) {
            if (this == NONE) {
                return word;
            }
            String w = word.toLowerCase(Locale.ROOT);
            String code = w.startsWith("up") || w.equals("master") ? "32" // green
                    : w.startsWith("down") || w.startsWith("removed") || w.equals("fault") ? "31" // red
                    : w.startsWith("quiesced") || w.startsWith("draining") || w.startsWith("fallback")
                            || w.startsWith("pending") || w.equals("unknown") ? "33" // yellow
                    : null;
            return code == null ? word : "\u001b[" + code + "m" + word + "\u001b[0m";
        }
    }

    static String render(IpvsTable table, String ipvsadmText, List<Daemons.Found> daemons) {
        return render(table, ipvsadmText, daemons, Colour.NONE);
    }

    static String render(IpvsTable table, String ipvsadmText, List<Daemons.Found> daemons, Colour colour) {
        Map<String, String> statuses = new HashMap<>();
        daemons.forEach(d -> statuses.putAll(realStatuses(d.snapshot())));
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
                String st = statuses.get(key(service.service().key().ipvsadm(), endpoint));
                out.append(line).append(' ').append(st == null ? "-" : colour.paint(st.replace(' ', '_')))
                        .append('\n');
            } else if (lineNo > 3 && !line.startsWith(" ") && services.hasNext()) {
                service = services.next();
                dests = service.destinations().iterator();
                out.append(line).append('\n');
            } else {
                out.append(line).append('\n');
            }
        }
        if (daemons.isEmpty()) {
            out.append("lvsd: no daemon runs (no control socket answers in /run/lvsd, no live status file)\n");
            return out.toString();
        }
        for (Daemons.Found d : daemons) {
            daemon(out, d, colour);
        }
        return out.toString();
    }

    private static void daemon(StringBuilder out, Daemons.Found found, Colour colour) {
        StatusSnapshot s = found.snapshot();
        StatusSnapshot.Daemon d = s.daemon();
        out.append("Daemon: lvsd pid ").append(d.pid()).append(", config ").append(d.config()).append(", ")
                .append(d.phase()).append(", generation ").append(d.generation()).append(", reloads ")
                .append(d.reloads().accepted()).append(" applied ").append(d.reloads().rejected())
                .append(" rejected, since ").append(d.started()).append(" (").append(found.source()).append(")\n");
        for (StatusSnapshot.Virtual v : s.director().virtuals()) {
            if (v.fallbackInUse()) {
                out.append("  Fallback: ").append(v.service()).append(" has no real up and serves from its ")
                        .append(colour.paint("fallback")).append(" server\n");
            }
        }
        for (StatusSnapshot.Check c : s.checks().targets()) {
            out.append("  Check: ").append(c.key()).append(' ').append(c.kind()).append(' ')
                    .append(colour.paint(c.result()));
            if (!c.lastRun().isEmpty()) {
                out.append(", last run ").append(c.last().isEmpty() ? "?" : c.last()).append(" in ")
                        .append(String.format(Locale.ROOT, "%.1f ms", c.latencyMs())).append(" at ")
                        .append(c.lastRun());
            }
            if (!c.since().isEmpty()) {
                out.append(", ").append(c.result()).append(" since ").append(c.since());
                if (!c.reason().isEmpty()) {
                    out.append(" (").append(c.reason()).append(')');
                }
            }
            out.append('\n');
        }
        if (s.vrrp() != null) {
            for (StatusSnapshot.Instance i : s.vrrp().instances()) {
                out.append("VRRP: ").append(VrrpStatusText.instanceLine(i).replace("state " + i.state(),
                        "state " + colour.paint(i.state())));
                if (!i.faultReason().isEmpty()) {
                    out.append(" (").append(i.faultReason()).append(')');
                }
                out.append(priorityWhy(i)).append('\n');
            }
        }
    }

    /** What the trackers add to the base priority: {@code ; priority 130 = base 150 - 20 script chk_web (down)}. */
    static String priorityWhy(StatusSnapshot.Instance i) {
        StringBuilder b = new StringBuilder();
        for (StatusSnapshot.Tracker t : i.trackers()) {
            if (t.contribution() != 0 || !t.ok()) {
                b.append(t.contribution() < 0 ? " - " : " + ").append(Math.abs(t.contribution())).append(' ')
                        .append(t.kind()).append(' ').append(t.name()).append(t.ok() ? " (up)" : " (down)");
            }
        }
        return b.length() == 0 ? "" : "; priority " + i.priority() + " = base " + i.base() + b;
    }

    /** Each real's place as the director last logged it, keyed by {@link #key(String, String)}. */
    static Map<String, String> realStatuses(StatusSnapshot s) {
        Map<String, String> out = new HashMap<>();
        for (StatusSnapshot.Virtual v : s.director().virtuals()) {
            for (StatusSnapshot.Real r : v.reals()) {
                out.put(key(v.service(), r.real()), r.describe());
            }
        }
        return out;
    }

    static String key(String serviceIpvsadm, String endpoint) {
        return serviceIpvsadm + " " + endpoint;
    }
}
