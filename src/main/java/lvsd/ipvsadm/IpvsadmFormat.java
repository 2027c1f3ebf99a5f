package lvsd.ipvsadm;

import java.util.Locale;
import lvsd.inet.Addresses;
import lvsd.inet.Family;
import lvsd.ipvs.Destination;
import lvsd.ipvs.DestinationState;
import lvsd.ipvs.IpvsTable;
import lvsd.ipvs.Service;
import lvsd.ipvs.ServiceKey;
import lvsd.ipvs.ServiceState;
import lvsd.ipvs.Stats;

/**
 * Renders a table exactly as {@code ipvsadm -Ln}, {@code -Ln --stats}, {@code -Ln --rate} and
 * {@code ipvsadm-save -n} do (ipvsadm 1.31, byte for byte: widths, trailing spaces, K/M/G/T scaling).
 */
public final class IpvsadmFormat {
    private IpvsadmFormat() {}

    /** Which {@code ipvsadm -Ln} view. */
    public enum View { PLAIN, STATS, RATE }

    public static String list(IpvsTable t, View view) {
        StringBuilder sb = new StringBuilder(256 + t.services().size() * 200);
        sb.append("IP Virtual Server version ").append(t.info().versionString())
                .append(" (size=").append(t.info().connTableSize()).append(")\n");
        switch (view) {
            case PLAIN -> sb.append("Prot LocalAddress:Port Scheduler Flags\n")
                    .append("  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n");
            case STATS -> sb.append(String.format(Locale.ROOT, "%-33s %8s %8s %8s %8s %8s\n",
                    "Prot LocalAddress:Port", "Conns", "InPkts", "OutPkts", "InBytes", "OutBytes"))
                    .append("  -> RemoteAddress:Port\n");
            case RATE -> sb.append(String.format(Locale.ROOT, "%-33s %8s %8s %8s %8s %8s\n",
                    "Prot LocalAddress:Port", "CPS", "InPPS", "OutPPS", "InBPS", "OutBPS"))
                    .append("  -> RemoteAddress:Port\n");
        }
        for (ServiceState s : t.services()) {
            switch (view) {
                case PLAIN -> {
                    sb.append(serviceLine(s.service())).append('\n');
                    for (DestinationState d : s.destinations()) {
                        Destination dst = d.destination();
                        sb.append("  -> ").append(pad(Addresses.withPort(dst.address(), dst.port()), 28)).append(' ')
                                .append(pad(dst.forwarding().label(), 7)).append(' ')
                                .append(pad(Integer.toString(dst.weight()), 6)).append(' ')
                                .append(pad(Long.toUnsignedString(d.activeConns()), 10)).append(' ')
                                .append(pad(Long.toUnsignedString(d.inactiveConns()), 10)).append('\n');
                    }
                }
                case STATS, RATE -> {
                    sb.append(pad(serviceName(s.key()), 33));
                    numbers(sb, s.stats(), view, false);
                    for (DestinationState d : s.destinations()) {
                        Destination dst = d.destination();
                        sb.append("  -> ").append(pad(Addresses.withPort(dst.address(), dst.port()), 28));
                        numbers(sb, d.stats(), view, true);
                    }
                }
            }
        }
        return sb.toString();
    }

    /** The {@code ipvsadm-save -n} text: one -A line per service followed by its -a lines. */
    public static String save(IpvsTable t) {
        StringBuilder sb = new StringBuilder();
        for (ServiceState s : t.services()) {
            sb.append(IpvsadmSyntax.service("-A", s.service())).append('\n');
            for (DestinationState d : s.destinations()) {
                sb.append(IpvsadmSyntax.destination("-a", s.key(), d.destination(), false)).append('\n');
            }
        }
        return sb.toString();
    }

    /** "TCP  10.0.0.1:80", "SCTP [2001:db8::1]:80", "FWM  10", "FWM  10 IPv6". */
    static String serviceName(ServiceKey k) {
        if (k.isFwmark()) {
            return "FWM  " + (int) k.fwmark() + (k.family() == Family.INET6 ? " IPv6" : "");
        }
        return pad(k.protocol().label(), 4) + " " + Addresses.withPort(k.address(), k.port());
    }

    static String serviceLine(Service s) {
        StringBuilder sb = new StringBuilder(serviceName(s.key())).append(' ').append(s.scheduler());
        if ((s.flags() & Service.F_SCHED_MASK) != 0) {
            sb.append(" (").append(IpvsadmSyntax.schedulerFlags(s.scheduler(), s.flags())).append(')');
        }
        if (s.persistent()) {
            sb.append(" persistent ").append(Integer.toUnsignedString(s.timeout()));
            if (s.netmask() != Service.defaultNetmask(s.key().family())) {
                sb.append(" mask ").append(IpvsadmSyntax.netmask(s.key().family(), s.netmask()));
            }
            if (!s.peName().isEmpty()) {
                sb.append(" pe ").append(s.peName());
            }
        }
        if (s.onePacket()) {
            sb.append(" ops");
        }
        return sb.toString();
    }

    private static void numbers(StringBuilder sb, Stats st, View view, boolean dest) {
        if (view == View.STATS) {
            largenum(sb, st.conns());
            largenum(sb, st.inPkts());
            largenum(sb, st.outPkts());
            largenum(sb, st.inBytes());
            largenum(sb, st.outBytes());
        } else if (dest) {
            // ipvsadm prints a destination's connection and packet rates unscaled
            sb.append(' ').append(padLeft(Long.toUnsignedString(st.cps()), 8));
            sb.append(' ').append(padLeft(Long.toUnsignedString(st.inPps()), 8));
            sb.append(' ').append(padLeft(Long.toUnsignedString(st.outPps()), 8));
            largenum(sb, st.inBps());
            largenum(sb, st.outBps());
        } else {
            largenum(sb, st.cps());
            largenum(sb, st.inPps());
            largenum(sb, st.outPps());
            largenum(sb, st.inBps());
            largenum(sb, st.outBps());
        }
        sb.append('\n');
    }

    /** ipvsadm's print_largenum without --exact: 9 wide, or 8 digits plus a K/M/G/T suffix. */
    static void largenum(StringBuilder sb, long v) {
        if (Long.compareUnsigned(v, 100_000_000L) < 0) {
            sb.append(padLeft(Long.toString(v), 9));
        } else if (Long.compareUnsigned(v, 1_000_000_000L) < 0) {
            sb.append(padLeft(Long.toUnsignedString(Long.divideUnsigned(v, 1_000L)), 8)).append('K');
        } else if (Long.compareUnsigned(v, 100_000_000_000L) < 0) {
            sb.append(padLeft(Long.toUnsignedString(Long.divideUnsigned(v, 1_000_000L)), 8)).append('M');
        } else if (Long.compareUnsigned(v, 100_000_000_000_000L) < 0) {
            sb.append(padLeft(Long.toUnsignedString(Long.divideUnsigned(v, 1_000_000_000L)), 8)).append('G');
        } else {
            sb.append(padLeft(Long.toUnsignedString(Long.divideUnsigned(v, 1_000_000_000_000L)), 8)).append('T');
        }
    }

    static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    static String padLeft(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }
}
