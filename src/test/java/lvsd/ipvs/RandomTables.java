package lvsd.ipvs;

import java.net.InetAddress;
import java.util.Random;
import lvsd.inet.Addresses;
import lvsd.inet.Family;
import lvsd.inet.Forwarding;
import lvsd.inet.Protocol;

/** Seeded generators of services, destinations and operations that ipvsadm's syntax can express. */
public final class RandomTables {
    private RandomTables() {}

    static final String[] SCHEDULERS = {"rr", "wrr", "lc", "wlc", "lblc", "lblcr", "dh", "sh", "sed", "nq", "fo", "ovf",
        "mh", "none"};

    public static InetAddress address(Random rnd, Family f) {
        byte[] b = new byte[f == Family.INET ? 4 : 16];
        rnd.nextBytes(b);
        if (f == Family.INET6) {
            for (int k = 4; k < 14; k++) {
                if (rnd.nextBoolean()) {
                    b[k] = 0;
                }
            }
        }
        return Addresses.fromBytes(f, b);
    }

    public static ServiceKey key(Random rnd) {
        Family f = rnd.nextBoolean() ? Family.INET : Family.INET6;
        if (rnd.nextInt(5) == 0) {
            return ServiceKey.ofFwmark(f, 1 + (rnd.nextLong() & 0xFFFF_FFFEL));
        }
        Protocol p = Protocol.values()[rnd.nextInt(3)];
        return ServiceKey.of(p, address(rnd, f), rnd.nextInt(65536));
    }

    public static Service service(Random rnd, ServiceKey key) {
        String sched = SCHEDULERS[rnd.nextInt(SCHEDULERS.length)];
        int flags = 0;
        int timeout = 0;
        int mask = Service.defaultNetmask(key.family());
        String pe = "";
        if (rnd.nextBoolean()) {
            flags |= Service.F_PERSISTENT;
            timeout = 1 + rnd.nextInt(100_000);
            if (rnd.nextBoolean()) {
                mask = key.family() == Family.INET ? -1 << rnd.nextInt(32) : 1 + rnd.nextInt(128);
            }
            if (!key.isFwmark() && key.protocol() == Protocol.UDP && rnd.nextInt(4) == 0) {
                pe = "sip";
            }
        }
        if (!key.isFwmark() && key.protocol() == Protocol.UDP && rnd.nextBoolean()) {
            flags |= Service.F_ONEPACKET;
        }
        if (sched.equals("sh") || sched.equals("mh")) {
            flags |= rnd.nextInt(4) * Service.F_SCHED1;
        }
        return new Service(key, sched, flags, timeout, mask, pe);
    }

    public static Destination destination(Random rnd, ServiceKey key) {
        Forwarding f = new Forwarding[] {Forwarding.MASQ, Forwarding.TUNNEL, Forwarding.ROUTE}[rnd.nextInt(3)];
        int port = key.isFwmark() || f == Forwarding.MASQ ? rnd.nextInt(65536) : key.port();
        int upper = rnd.nextBoolean() ? 0 : rnd.nextInt(1000);
        int lower = upper == 0 || rnd.nextBoolean() ? 0 : rnd.nextInt(upper + 1);
        return new Destination(address(rnd, key.family()), port, f, rnd.nextInt(65536), upper, lower);
    }

    public static IpvsOp op(Random rnd) {
        ServiceKey key = key(rnd);
        return switch (rnd.nextInt(7)) {
            case 0 -> new IpvsOp.AddService(service(rnd, key));
            case 1 -> new IpvsOp.EditService(service(rnd, key));
            case 2 -> new IpvsOp.DeleteService(key);
            case 3 -> new IpvsOp.AddDestination(key, destination(rnd, key));
            case 4 -> new IpvsOp.EditDestination(key, destination(rnd, key));
            case 5 -> IpvsOp.DeleteDestination.of(key, destination(rnd, key));
            default -> new IpvsOp.Flush();
        };
    }
}
