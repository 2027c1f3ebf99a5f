package lvsd.cli;

import lvsd.inet.Addresses;
import lvsd.inet.Family;
import lvsd.ipvs.DestinationState;
import lvsd.ipvs.IpvsTable;
import lvsd.ipvs.Service;
import lvsd.ipvs.ServiceKey;
import lvsd.ipvs.ServiceState;
import lvsd.ipvs.Stats;
import lvsd.ipvsadm.IpvsadmSyntax;
import lvsd.status.StatusCodec;
import lvsd.status.StatusSnapshot;

/**
 * The {@code lvsd status --json} document, schema "lvsd.status/1" (docs/status-json.md). Laid out by hand
 * (one service per line): this runs on the status command's fast path, and loading even Jackson's streaming
 * generator made a cold {@code status --json} about 50 ms slower (docs/benchmarks.md). The daemon member of
 * {@code --json --health}, which goes through picocli anyway, is the status snapshot written by
 * {@link StatusCodec}. Field names and types are stable; new fields may be added, none are renamed or removed
 * within version 1.
 */
final class StatusJson {
    private StatusJson() {}

    static String render(IpvsTable t) {
        return render(t, false, null);
    }

    /**
     * With {@code withDaemon} the document gains a "daemon" member after "services": the running daemon's
     * status snapshot (docs/status-json.md), or null when none runs, for {@code lvsd status --json --health}.
     */
    static String render(IpvsTable t, boolean withDaemon, StatusSnapshot daemon) {
        StringBuilder sb = new StringBuilder(512 + t.services().size() * 600);
        sb.append("{\"schema\":\"lvsd.status/1\",\"ipvs\":{\"version\":");
        quote(sb, t.info().versionString());
        sb.append(",\"connTableSize\":").append(Integer.toUnsignedString(t.info().connTableSize()));
        sb.append("},\"services\":[");
        boolean first = true;
        for (ServiceState s : t.services()) {
            sb.append(first ? "\n" : ",\n");
            first = false;
            service(sb, s);
        }
        sb.append(first ? "]" : "\n]");
        if (withDaemon) {
            sb.append(",\"daemon\":").append(daemon == null ? "null" : StatusCodec.write(daemon).strip());
        }
        return sb.append("}\n").toString();
    }

    private static void service(StringBuilder sb, ServiceState st) {
        Service s = st.service();
        ServiceKey k = s.key();
        sb.append("{\"family\":").append(k.family() == Family.INET6 ? "\"inet6\"" : "\"inet\"");
        if (k.isFwmark()) {
            sb.append(",\"fwmark\":").append(k.fwmark());
        } else {
            sb.append(",\"protocol\":");
            quote(sb, k.protocol().name().toLowerCase());
            sb.append(",\"address\":");
            quote(sb, Addresses.numeric(k.address()));
            sb.append(",\"port\":").append(k.port());
        }
        sb.append(",\"scheduler\":");
        quote(sb, s.scheduler());
        sb.append(",\"flags\":").append(s.flags());
        sb.append(",\"schedulerFlags\":");
        quote(sb, IpvsadmSyntax.schedulerFlags(s.scheduler(), s.flags()));
        sb.append(",\"onePacket\":").append(s.onePacket());
        sb.append(",\"persistent\":").append(s.persistent());
        sb.append(",\"persistenceTimeout\":").append(Integer.toUnsignedString(s.timeout()));
        sb.append(",\"netmask\":");
        quote(sb, IpvsadmSyntax.netmask(k.family(), s.netmask()));
        sb.append(",\"pe\":");
        quote(sb, s.peName());
        sb.append(",\"stats\":");
        stats(sb, st.stats());
        sb.append(",\"destinations\":[");
        boolean first = true;
        for (DestinationState d : st.destinations()) {
            sb.append(first ? "" : ",");
            first = false;
            sb.append("\n  {\"address\":");
            quote(sb, Addresses.numeric(d.destination().address()));
            sb.append(",\"port\":").append(d.destination().port());
            sb.append(",\"forwarding\":");
            quote(sb, d.destination().forwarding().label().toLowerCase());
            sb.append(",\"weight\":").append(d.destination().weight());
            sb.append(",\"upperThreshold\":").append(Integer.toUnsignedString(d.destination().upperThreshold()));
            sb.append(",\"lowerThreshold\":").append(Integer.toUnsignedString(d.destination().lowerThreshold()));
            sb.append(",\"activeConns\":").append(d.activeConns());
            sb.append(",\"inactiveConns\":").append(d.inactiveConns());
            sb.append(",\"persistentConns\":").append(d.persistentConns());
            sb.append(",\"stats\":");
            stats(sb, d.stats());
            sb.append('}');
        }
        sb.append("]}");
    }

    private static void stats(StringBuilder sb, Stats s) {
        sb.append("{\"conns\":").append(Long.toUnsignedString(s.conns()))
                .append(",\"inPackets\":").append(Long.toUnsignedString(s.inPkts()))
                .append(",\"outPackets\":").append(Long.toUnsignedString(s.outPkts()))
                .append(",\"inBytes\":").append(Long.toUnsignedString(s.inBytes()))
                .append(",\"outBytes\":").append(Long.toUnsignedString(s.outBytes()))
                .append(",\"cps\":").append(Long.toUnsignedString(s.cps()))
                .append(",\"inPps\":").append(Long.toUnsignedString(s.inPps()))
                .append(",\"outPps\":").append(Long.toUnsignedString(s.outPps()))
                .append(",\"inBps\":").append(Long.toUnsignedString(s.inBps()))
                .append(",\"outBps\":").append(Long.toUnsignedString(s.outBps()))
                .append('}');
    }

    /** Appends {@code s} as a JSON string literal; the table's strings are names and numeric addresses. */
    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
