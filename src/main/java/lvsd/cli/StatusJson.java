package lvsd.cli;

import lvsd.ipvs.Addresses;
import lvsd.ipvs.DestinationState;
import lvsd.ipvs.Family;
import lvsd.ipvs.IpvsTable;
import lvsd.ipvs.IpvsadmSyntax;
import lvsd.ipvs.Service;
import lvsd.ipvs.ServiceKey;
import lvsd.ipvs.ServiceState;
import lvsd.ipvs.Stats;

/**
 * The {@code lvsd status --json} document, schema "lvsd.status/1" (docs/status-json.md). Written by hand:
 * no JSON library on the status command's fast path. Field names and types are stable; new fields may be
 * added, none are renamed or removed within version 1.
 */
final class StatusJson {
    private StatusJson() {}

    static String render(IpvsTable t) {
        StringBuilder sb = new StringBuilder(512 + t.services().size() * 600);
        sb.append("{\"schema\":\"lvsd.status/1\",\"ipvs\":{\"version\":");
        str(sb, t.info().versionString());
        sb.append(",\"connTableSize\":").append(Integer.toUnsignedString(t.info().connTableSize()));
        sb.append("},\"services\":[");
        boolean first = true;
        for (ServiceState s : t.services()) {
            sb.append(first ? "\n" : ",\n");
            first = false;
            service(sb, s);
        }
        sb.append(first ? "]}\n" : "\n]}\n");
        return sb.toString();
    }

    private static void service(StringBuilder sb, ServiceState st) {
        Service s = st.service();
        ServiceKey k = s.key();
        sb.append("{\"family\":").append(k.family() == Family.INET6 ? "\"inet6\"" : "\"inet\"");
        if (k.isFwmark()) {
            sb.append(",\"fwmark\":").append(k.fwmark());
        } else {
            sb.append(",\"protocol\":");
            str(sb, k.protocol().name().toLowerCase());
            sb.append(",\"address\":");
            str(sb, Addresses.format(k.address()));
            sb.append(",\"port\":").append(k.port());
        }
        sb.append(",\"scheduler\":");
        str(sb, s.scheduler());
        sb.append(",\"flags\":").append(s.flags());
        sb.append(",\"schedulerFlags\":");
        str(sb, IpvsadmSyntax.schedulerFlags(s.scheduler(), s.flags()));
        sb.append(",\"onePacket\":").append(s.onePacket());
        sb.append(",\"persistent\":").append(s.persistent());
        sb.append(",\"persistenceTimeout\":").append(Integer.toUnsignedString(s.timeout()));
        sb.append(",\"netmask\":");
        str(sb, IpvsadmSyntax.netmask(k.family(), s.netmask()));
        sb.append(",\"pe\":");
        str(sb, s.peName());
        sb.append(",\"stats\":");
        stats(sb, st.stats());
        sb.append(",\"destinations\":[");
        boolean first = true;
        for (DestinationState d : st.destinations()) {
            sb.append(first ? "" : ",");
            first = false;
            sb.append("\n  {\"address\":");
            str(sb, Addresses.format(d.destination().address()));
            sb.append(",\"port\":").append(d.destination().port());
            sb.append(",\"forwarding\":");
            str(sb, d.destination().forwarding().label().toLowerCase());
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

    private static void str(StringBuilder sb, String v) {
        sb.append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) {
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
