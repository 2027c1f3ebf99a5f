package lvsd.director;

import java.net.InetAddress;
import java.util.Set;
import lvsd.config.RealServer;
import lvsd.config.SchedFlag;
import lvsd.config.VirtualKey;
import lvsd.config.VirtualService;
import lvsd.inet.Family;
import lvsd.inet.Forwarding;
import lvsd.ipvs.Destination;
import lvsd.ipvs.Service;
import lvsd.ipvs.ServiceKey;

/**
 * How the configuration model maps onto IPVS records (both speak lvsd.inet's vocabulary). The model's values are
 * already typed and checked by the parser, so nothing here can fail for a reason in the file. {@link #key}
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
        int flags = schedFlags(v.schedFlagSet());
        if (v.ops()) {
            flags |= Service.F_ONEPACKET;
        }
        s = s.withFlags(flags);
        if (v.persistent().isPresent()) {
            int mask = v.netmaskValue().orElse(Service.defaultNetmask(key.family()));
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

    /** The IPVS bits of the scheduler flags (ipvsadm's {@code -b}). */
    static int schedFlags(Set<SchedFlag> flags) {
        int bits = 0;
        for (SchedFlag f : flags) {
            bits |= switch (f) {
                case FLAG_1 -> Service.F_SCHED1;
                case FLAG_2 -> Service.F_SCHED2;
                case FLAG_3 -> Service.F_SCHED3;
            };
        }
        return bits;
    }
}
