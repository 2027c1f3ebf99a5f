package lvsd.ipvsadm;

import java.net.Inet4Address;
import java.net.InetAddress;
import lvsd.inet.Addresses;
import lvsd.inet.Family;
import lvsd.inet.Forwarding;
import lvsd.ipvs.Destination;
import lvsd.ipvs.IpvsOp;
import lvsd.ipvs.Service;
import lvsd.ipvs.ServiceKey;

/**
 * ipvsadm's rule syntax for services and destinations, as ipvsadm-save -n writes it (and
 * ipvsadm-restore reads it). Option order follows ipvsadm-save exactly so saved tables compare byte for
 * byte. The IPVS model knows nothing of this syntax; every ipvsadm rendering of it is here.
 */
public final class IpvsadmSyntax {
    private IpvsadmSyntax() {}

    /**
     * One operation as an ipvsadm command line without the program name (the ipvsadm-save / ipvsadm-restore
     * line format), e.g. {@code -A -t 10.0.0.1:80 -s wlc} or {@code -a -t 10.0.0.1:80 -r 10.0.0.2:80 -g -w 1}.
     */
    public static String op(IpvsOp op) {
        if (op instanceof IpvsOp.AddService a) {
            return service("-A", a.service());
        } else if (op instanceof IpvsOp.EditService e) {
            return service("-E", e.service());
        } else if (op instanceof IpvsOp.DeleteService d) {
            return "-D " + d.key().ipvsadm();
        } else if (op instanceof IpvsOp.AddDestination a) {
            return destination("-a", a.key(), a.destination(), true);
        } else if (op instanceof IpvsOp.EditDestination e) {
            return destination("-e", e.key(), e.destination(), true);
        } else if (op instanceof IpvsOp.DeleteDestination d) {
            return "-d " + d.key().ipvsadm() + " -r " + Addresses.withPort(d.address(), d.port());
        } else if (op instanceof IpvsOp.Flush) {
            return "-C";
        } else if (op instanceof IpvsOp.SetTimeouts t) {
            return "--set " + t.timeouts().tcp() + " " + t.timeouts().tcpFin() + " " + t.timeouts().udp();
        }
        throw new IllegalArgumentException("unknown operation " + op);
    }


    /** {@code -A -t 10.0.0.1:80 -s wlc -p 300 -M 255.255.255.0 --pe sip -b sh-port -o}. */
    public static String service(String command, Service s) {
        StringBuilder sb = new StringBuilder(command).append(' ').append(s.key().ipvsadm())
                .append(" -s ").append(s.scheduler());
        if (s.persistent()) {
            sb.append(" -p ").append(s.timeout());
            if (s.netmask() != Service.defaultNetmask(s.key().family())) {
                sb.append(" -M ").append(netmask(s.key().family(), s.netmask()));
            }
            if (!s.peName().isEmpty()) {
                sb.append(" --pe ").append(s.peName());
            }
        }
        if (s.onePacket()) {
            sb.append(" -o");
        }
        if ((s.flags() & Service.F_SCHED_MASK) != 0) {
            sb.append(" -b ").append(schedulerFlags(s.scheduler(), s.flags()));
        }
        return sb.toString();
    }

    /**
     * {@code -a -t 10.0.0.1:80 -r 10.0.0.2:80 -g -w 1}; with {@code thresholds} also {@code -x U -y L} when
     * set (ipvsadm-save leaves thresholds out, so a save comparison passes false).
     */
    public static String destination(String command, ServiceKey key, Destination d, boolean thresholds) {
        StringBuilder sb = new StringBuilder(command).append(' ').append(key.ipvsadm())
                .append(" -r ").append(Addresses.withPort(d.address(), d.port()))
                .append(' ').append(d.forwarding().ipvsadmSwitch())
                .append(" -w ").append(d.weight());
        if (thresholds && d.upperThreshold() != 0) {
            sb.append(" -x ").append(d.upperThreshold());
        }
        if (thresholds && d.lowerThreshold() != 0) {
            sb.append(" -y ").append(d.lowerThreshold());
        }
        if (d.forwarding() == Forwarding.TUNNEL) {
            sb.append(" --tun-type ipip");
        }
        return sb.toString();
    }

    /** The persistence granularity as ipvsadm prints it: dotted mask for IPv4, prefix length for IPv6. */
    public static String netmask(Family family, int netmask) {
        if (family == Family.INET6) {
            return Integer.toString(netmask);
        }
        return ((netmask >>> 24) & 0xFF) + "." + ((netmask >>> 16) & 0xFF) + "." + ((netmask >>> 8) & 0xFF) + "."
                + (netmask & 0xFF);
    }

    /**
     * Scheduler flag names joined by commas, as ipvsadm prints them: only sh and mh have names for flags 1
     * and 2 (sh-fallback, sh-port, mh-fallback, mh-port); other bits print nothing (ipvsadm shows "()").
     */
    public static String schedulerFlags(String scheduler, int flags) {
        if (!scheduler.equals("sh") && !scheduler.equals("mh")) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        if ((flags & Service.F_SCHED1) != 0) {
            sb.append(scheduler).append("-fallback");
        }
        if ((flags & Service.F_SCHED2) != 0) {
            sb.append(sb.length() > 0 ? "," : "").append(scheduler).append("-port");
        }
        return sb.toString();
    }

    /** Parses a dotted IPv4 mask into its 32-bit value. */
    static int parseMask4(String dotted) {
        InetAddress a = Addresses.parse(dotted);
        if (!(a instanceof Inet4Address)) {
            throw new IllegalArgumentException("not an IPv4 netmask: " + dotted);
        }
        byte[] b = a.getAddress();
        return ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
    }
}
