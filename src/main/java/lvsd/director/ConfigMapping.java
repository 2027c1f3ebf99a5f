package lvsd.director;

import java.net.InetAddress;
import java.util.Locale;
import lvsd.config.RealServer;
import lvsd.config.VirtualKey;
import lvsd.config.VirtualService;
import lvsd.inet.Family;
import lvsd.inet.Forwarding;
import lvsd.ipvs.Destination;
import lvsd.ipvs.Service;
import lvsd.ipvs.ServiceKey;

/**
 * How the configuration model maps onto IPVS records (both speak lvsd.inet's vocabulary). {@link #key}
 * and {@link #service} are public so other packages (daemon, status) name a virtual's IPVS service the same way.
 */
public final class ConfigMapping {

    private ConfigMapping() {}

    public static ServiceKey key(VirtualKey k) {
        return new ServiceKey(k.family(), k.protocol(), k.address(), k.port(), k.fwmark());
    }

    public static Service service(VirtualService v) {
        ServiceKey key = key(v.key());
        Service s = Service.of(key, v.scheduler());
        int flags = schedFlags(v.schedFlags().orElse(""));
        if (v.ops()) {
            flags |= Service.F_ONEPACKET;
        }
        s = s.withFlags(flags);
        if (v.persistent().isPresent()) {
            int mask = v.netmask().map(m -> netmask(key.family(), m)).orElse(Service.defaultNetmask(key.family()));
            s = s.withPersistence(v.persistent().getAsInt(), mask);
        }
        return s;
    }

    /**
     * The destination for a real. Direct routing and tunnelling cannot change the port, and ipvsadm stores the
     * service's port for such a real whatever was written; lvsd does the same so that a table built by ipvsadm
     * (or by ldirectord) is adopted without a change. A fwmark service has no port: ipvsadm keeps the real's
     * port as written then (checked in the test kernel), and so does lvsd.
     */
    static Destination destination(ServiceKey svc, InetAddress address, int port, Forwarding f,
            int weight, int upper, int lower) {
        int p = f.canChangePort() || svc.isFwmark() ? port : svc.port();
        return new Destination(address, p, f, weight, upper, lower);
    }

    static Destination destination(ServiceKey svc, RealServer r, int weight) {
        return destination(svc, r.address(), r.port(), r.forwarding(), weight, r.upperThreshold(),
                r.lowerThreshold());
    }

    /** ipvsadm's {@code -b} names: flag-1..3, and the sh-/mh- aliases of flags 1 and 2. */
    static int schedFlags(String text) {
        int flags = 0;
        for (String raw : text.split(",")) {
            String name = raw.trim().toLowerCase(Locale.ROOT);
            flags |= switch (name) {
                case "" -> 0;
                case "flag-1", "sh-fallback", "mh-fallback" -> Service.F_SCHED1;
                case "flag-2", "sh-port", "mh-port" -> Service.F_SCHED2;
                case "flag-3" -> Service.F_SCHED3;
                default -> throw new IllegalArgumentException("unknown scheduler flag '" + name + "'");
            };
        }
        return flags;
    }

    /** IPv4: a dotted mask as the 32-bit value; IPv6: the prefix length. */
    static int netmask(Family family, String text) {
        if (family == Family.INET6) {
            return Integer.parseInt(text.trim());
        }
        String[] parts = text.trim().split("\\.");
        if (parts.length != 4) {
            throw new IllegalArgumentException("not a dotted IPv4 netmask: " + text);
        }
        int mask = 0;
        for (String p : parts) {
            int octet = Integer.parseInt(p);
            if (octet < 0 || octet > 255) {
                throw new IllegalArgumentException("not a dotted IPv4 netmask: " + text);
            }
            mask = (mask << 8) | octet;
        }
        return mask;
    }
}
