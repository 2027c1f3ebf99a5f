package lvsd.ipvs;

import static lvsd.ipvs.IpvsWire.*;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import lvsd.inet.Addresses;
import lvsd.inet.Family;
import lvsd.inet.Forwarding;
import lvsd.inet.Protocol;
import lvsd.netlink.AttrReader;
import lvsd.netlink.Message;
import lvsd.netlink.MessageBuilder;
import lvsd.netlink.NetlinkException;
import lvsd.netlink.Nl;

/**
 * Pure translation between lvsd.ipvs records and IPVS generic netlink messages. Requests carry sequence
 * number 0 (the socket stamps it). Encodings follow ipvsadm: 16-byte addresses, ports and IPv4 masks in
 * network order, flags with an all-ones mask.
 */
public final class IpvsCodec {
    private final int familyId;

    public IpvsCodec(int familyId) {
        this.familyId = familyId;
    }

    public int familyId() {
        return familyId;
    }

    private MessageBuilder msg(int cmd) {
        return MessageBuilder.genl(familyId, Nl.F_REQUEST | Nl.F_ACK, cmd, IpvsWire.VERSION);
    }

    /** The request that performs {@code op}. */
    public byte[] encode(IpvsOp op) {
        // Java 17 has no pattern switch; the interface is sealed, so the final throw is unreachable today.
        if (op instanceof IpvsOp.AddService a) {
            return serviceFull(msg(CMD_NEW_SERVICE), a.service()).build();
        } else if (op instanceof IpvsOp.EditService e) {
            return serviceFull(msg(CMD_SET_SERVICE), e.service()).build();
        } else if (op instanceof IpvsOp.DeleteService d) {
            return serviceIdentity(msg(CMD_DEL_SERVICE), d.key()).build();
        } else if (op instanceof IpvsOp.AddDestination a) {
            return destFull(serviceIdentity(msg(CMD_NEW_DEST), a.key()), a.destination()).build();
        } else if (op instanceof IpvsOp.EditDestination e) {
            return destFull(serviceIdentity(msg(CMD_SET_DEST), e.key()), e.destination()).build();
        } else if (op instanceof IpvsOp.DeleteDestination d) {
            return destIdentity(serviceIdentity(msg(CMD_DEL_DEST), d.key()), d.address(), d.port())
                    .u16(DEST_ADDR_FAMILY, Family.of(d.address()).code()).end().build();
        } else if (op instanceof IpvsOp.Flush) {
            return msg(CMD_FLUSH).build();
        } else if (op instanceof IpvsOp.SetTimeouts t) {
            return msg(CMD_SET_CONFIG)
                    .u32(CMD_ATTR_TIMEOUT_TCP, t.timeouts().tcp())
                    .u32(CMD_ATTR_TIMEOUT_TCP_FIN, t.timeouts().tcpFin())
                    .u32(CMD_ATTR_TIMEOUT_UDP, t.timeouts().udp())
                    .build();
        }
        throw new IllegalArgumentException("unknown operation " + op);
    }

    public byte[] getInfo() {
        return msg(CMD_GET_INFO).build();
    }

    public byte[] getConfig() {
        return msg(CMD_GET_CONFIG).build();
    }

    /** Dump request for every service. */
    public byte[] dumpServices() {
        return MessageBuilder.genl(familyId, Nl.F_REQUEST | Nl.F_DUMP, CMD_GET_SERVICE, VERSION).build();
    }

    /** Dump request for the destinations of one service. */
    public byte[] dumpDestinations(ServiceKey key) {
        return serviceIdentity(MessageBuilder.genl(familyId, Nl.F_REQUEST | Nl.F_DUMP, CMD_GET_DEST, VERSION), key)
                .build();
    }

    public byte[] dumpDaemons() {
        return MessageBuilder.genl(familyId, Nl.F_REQUEST | Nl.F_DUMP, CMD_GET_DAEMON, VERSION).build();
    }

    public byte[] startDaemon(SyncDaemon d) {
        MessageBuilder b = msg(CMD_NEW_DAEMON).begin(CMD_ATTR_DAEMON)
                .u32(DAEMON_STATE, d.role().code())
                .string(DAEMON_MCAST_IFN, d.interfaceName())
                .u32(DAEMON_SYNC_ID, d.syncId());
        if (d.maxLen() != 0) {
            b.u16(DAEMON_SYNC_MAXLEN, d.maxLen());
        }
        if (d.group() instanceof Inet6Address) {
            b.bytes(DAEMON_MCAST_GROUP6, d.group().getAddress());
        } else if (d.group() != null) {
            b.bytes(DAEMON_MCAST_GROUP, d.group().getAddress());
        }
        if (d.port() != 0) {
            b.u16(DAEMON_MCAST_PORT, d.port());
        }
        if (d.ttl() != 0) {
            b.u8(DAEMON_MCAST_TTL, d.ttl());
        }
        return b.end().build();
    }

    public byte[] stopDaemon(SyncDaemon.Role role) {
        return msg(CMD_DEL_DAEMON).begin(CMD_ATTR_DAEMON).u32(DAEMON_STATE, role.code()).end().build();
    }

    /** Zeroes the counters of one service, or of all when {@code key} is null. */
    public byte[] zero(ServiceKey key) {
        MessageBuilder b = msg(CMD_ZERO);
        return (key == null ? b : serviceIdentity(b, key)).build();
    }

    private static MessageBuilder serviceKeyAttrs(MessageBuilder b, ServiceKey k) {
        b.u16(SVC_AF, k.family().code());
        if (k.isFwmark()) {
            b.u32(SVC_FWMARK, (int) k.fwmark());
        } else {
            b.u16(SVC_PROTOCOL, k.protocol().code())
                    .bytes(SVC_ADDR, addr16(k.address()))
                    .u16be(SVC_PORT, k.port());
        }
        return b;
    }

    private static MessageBuilder serviceIdentity(MessageBuilder b, ServiceKey k) {
        return serviceKeyAttrs(b.begin(CMD_ATTR_SERVICE), k).end();
    }

    private static MessageBuilder serviceFull(MessageBuilder b, Service s) {
        serviceKeyAttrs(b.begin(CMD_ATTR_SERVICE), s.key()).string(SVC_SCHED_NAME, s.scheduler());
        if (!s.peName().isEmpty()) {
            b.string(SVC_PE_NAME, s.peName());
        }
        byte[] flags = java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.nativeOrder())
                .putInt(s.flags()).putInt(0xFFFFFFFF).array();
        b.bytes(SVC_FLAGS, flags).u32(SVC_TIMEOUT, s.timeout());
        if (s.key().family() == Family.INET6) {
            b.u32(SVC_NETMASK, s.netmask());
        } else {
            b.u32be(SVC_NETMASK, s.netmask());
        }
        return b.end();
    }

    private static MessageBuilder destIdentity(MessageBuilder b, InetAddress address, int port) {
        return b.begin(CMD_ATTR_DEST).bytes(DEST_ADDR, addr16(address)).u16be(DEST_PORT, port);
    }

    private static MessageBuilder destFull(MessageBuilder b, Destination d) {
        return destIdentity(b, d.address(), d.port())
                .u32(DEST_FWD_METHOD, d.forwarding().code())
                .u32(DEST_WEIGHT, d.weight())
                .u32(DEST_U_THRESH, d.upperThreshold())
                .u32(DEST_L_THRESH, d.lowerThreshold())
                .u16(DEST_ADDR_FAMILY, d.family().code())
                .end();
    }

    /** The 16-byte nf_inet_addr union: IPv4 in the first 4 bytes, the rest zero. */
    static byte[] addr16(InetAddress a) {
        return Arrays.copyOf(a.getAddress(), 16);
    }

    // ---- replies -------------------------------------------------------------------------------

    public static IpvsInfo parseInfo(Message m) throws NetlinkException {
        int version = 0;
        int size = 0;
        AttrReader r = m.genlAttrs();
        while (r.next()) {
            switch (r.type()) {
                case INFO_VERSION -> version = r.u32();
                case INFO_CONN_TAB_SIZE -> size = r.u32();
                default -> { }
            }
        }
        r.check();
        return new IpvsInfo(version, size);
    }

    public static Timeouts parseConfig(Message m) throws NetlinkException {
        int tcp = 0;
        int fin = 0;
        int udp = 0;
        AttrReader r = m.genlAttrs();
        while (r.next()) {
            switch (r.type()) {
                case CMD_ATTR_TIMEOUT_TCP -> tcp = r.u32();
                case CMD_ATTR_TIMEOUT_TCP_FIN -> fin = r.u32();
                case CMD_ATTR_TIMEOUT_UDP -> udp = r.u32();
                default -> { }
            }
        }
        r.check();
        return new Timeouts(tcp, fin, udp);
    }

    /** A service reply (without destinations). */
    public static ServiceState parseService(Message m) throws NetlinkException {
        AttrReader top = m.genlAttrs();
        while (top.next()) {
            if (top.type() == CMD_ATTR_SERVICE) {
                AttrReader r = top.nested();
                ServiceState s = parseServiceNest(r);
                top.check(r);
                return s;
            }
        }
        top.check();
        throw NetlinkException.malformed("service reply without a service attribute");
    }

    private static ServiceState parseServiceNest(AttrReader r) throws NetlinkException {
        int af = 0;
        int proto = 0;
        byte[] addr = null;
        int port = 0;
        long fwmark = 0;
        String sched = null;
        String pe = "";
        int flags = 0;
        int timeout = 0;
        int netmaskHost = 0;
        int netmaskBe = 0;
        Stats stats = null;
        Stats stats64 = null;
        while (r.next()) {
            switch (r.type()) {
                case SVC_AF -> af = r.u16();
                case SVC_PROTOCOL -> proto = r.u16();
                case SVC_ADDR -> addr = r.bytes();
                case SVC_PORT -> port = r.u16be();
                case SVC_FWMARK -> fwmark = r.u32() & 0xFFFFFFFFL;
                case SVC_SCHED_NAME -> sched = r.string();
                case SVC_PE_NAME -> pe = r.string();
                case SVC_FLAGS -> {
                    byte[] f = r.bytes();
                    if (f.length != 8) {
                        throw NetlinkException.malformed("service flags of " + f.length + " bytes");
                    }
                    flags = java.nio.ByteBuffer.wrap(f).order(java.nio.ByteOrder.nativeOrder()).getInt(0);
                }
                case SVC_TIMEOUT -> timeout = r.u32();
                case SVC_NETMASK -> {
                    // IPv4: a network-order mask; IPv6: a host-order prefix length. The family may come later.
                    netmaskHost = r.u32();
                    netmaskBe = r.u32be();
                }
                case SVC_STATS -> stats = parseStats(r.nested());
                case SVC_STATS64 -> stats64 = parseStats(r.nested());
                default -> { }
            }
        }
        r.check();
        if (sched == null) {
            throw NetlinkException.malformed("service without scheduler name");
        }
        try {
            Family family = Family.fromCode(af);
            ServiceKey key = fwmark != 0 ? ServiceKey.ofFwmark(family, fwmark)
                    : new ServiceKey(family, Protocol.fromCode(proto), Addresses.fromBytes(family, need(addr)), port, 0);
            int netmask = family == Family.INET6 ? netmaskHost : netmaskBe;
            Service svc = new Service(key, sched, flags, timeout, netmask, pe);
            return new ServiceState(svc, stats64 != null ? stats64 : stats != null ? stats : Stats.ZERO, java.util.List.of());
        } catch (IllegalArgumentException e) {
            throw NetlinkException.malformed("service: " + e.getMessage());
        }
    }

    /** A destination reply. {@code serviceFamily} is used when the kernel sends no ADDR_FAMILY. */
    public static DestinationState parseDestination(Message m, Family serviceFamily) throws NetlinkException {
        AttrReader top = m.genlAttrs();
        while (top.next()) {
            if (top.type() == CMD_ATTR_DEST) {
                AttrReader r = top.nested();
                DestinationState d = parseDestNest(r, serviceFamily);
                top.check(r);
                return d;
            }
        }
        top.check();
        throw NetlinkException.malformed("destination reply without a destination attribute");
    }

    private static DestinationState parseDestNest(AttrReader r, Family serviceFamily) throws NetlinkException {
        byte[] addr = null;
        int port = 0;
        int fwd = 0;
        int weight = 0;
        int upper = 0;
        int lower = 0;
        long active = 0;
        long inact = 0;
        long persist = 0;
        int af = 0;
        Stats stats = null;
        Stats stats64 = null;
        while (r.next()) {
            switch (r.type()) {
                case DEST_ADDR -> addr = r.bytes();
                case DEST_PORT -> port = r.u16be();
                case DEST_FWD_METHOD -> fwd = r.u32();
                case DEST_WEIGHT -> weight = r.u32();
                case DEST_U_THRESH -> upper = r.u32();
                case DEST_L_THRESH -> lower = r.u32();
                case DEST_ACTIVE_CONNS -> active = r.u32() & 0xFFFFFFFFL;
                case DEST_INACT_CONNS -> inact = r.u32() & 0xFFFFFFFFL;
                case DEST_PERSIST_CONNS -> persist = r.u32() & 0xFFFFFFFFL;
                case DEST_ADDR_FAMILY -> af = r.u16();
                case DEST_STATS -> stats = parseStats(r.nested());
                case DEST_STATS64 -> stats64 = parseStats(r.nested());
                default -> { }
            }
        }
        r.check();
        try {
            Family family = af == 0 ? serviceFamily : Family.fromCode(af);
            Destination d = new Destination(Addresses.fromBytes(family, need(addr)), port, Forwarding.fromCode(fwd),
                    weight, upper, lower);
            return new DestinationState(d, active, inact, persist,
                    stats64 != null ? stats64 : stats != null ? stats : Stats.ZERO);
        } catch (IllegalArgumentException e) {
            throw NetlinkException.malformed("destination: " + e.getMessage());
        }
    }

    /** Counters: 32-bit in STATS (bytes 64-bit), all 64-bit in STATS64; {@link AttrReader#uint} takes both. */
    static Stats parseStats(AttrReader r) throws NetlinkException {
        long[] v = new long[11];
        while (r.next()) {
            if (r.type() >= STATS_CONNS && r.type() <= STATS_OUTBPS) {
                v[r.type()] = r.uint();
            }
        }
        r.check();
        return new Stats(v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10]);
    }

    public static SyncDaemon parseDaemon(Message m) throws NetlinkException {
        AttrReader top = m.genlAttrs();
        while (top.next()) {
            if (top.type() != CMD_ATTR_DAEMON) {
                continue;
            }
            AttrReader r = top.nested();
            int state = 0;
            String ifn = "";
            int syncId = 0;
            int maxLen = 0;
            InetAddress group = null;
            int port = 0;
            int ttl = 0;
            while (r.next()) {
                switch (r.type()) {
                    case DAEMON_STATE -> state = r.u32();
                    case DAEMON_MCAST_IFN -> ifn = r.string();
                    case DAEMON_SYNC_ID -> syncId = r.u32();
                    case DAEMON_SYNC_MAXLEN -> maxLen = r.u16();
                    case DAEMON_MCAST_GROUP -> group = Addresses.fromBytes(Family.INET, r.bytes());
                    case DAEMON_MCAST_GROUP6 -> group = Addresses.fromBytes(Family.INET6, r.bytes());
                    case DAEMON_MCAST_PORT -> port = r.u16();
                    case DAEMON_MCAST_TTL -> ttl = r.u8();
                    default -> { }
                }
            }
            top.check(r);
            try {
                return new SyncDaemon(SyncDaemon.Role.fromCode(state), ifn, syncId, maxLen, group, port, ttl);
            } catch (IllegalArgumentException e) {
                throw NetlinkException.malformed("sync daemon: " + e.getMessage());
            }
        }
        top.check();
        throw NetlinkException.malformed("daemon reply without a daemon attribute");
    }

    private static byte[] need(byte[] addr) throws NetlinkException {
        if (addr == null || addr.length < 4) {
            throw NetlinkException.malformed("missing or short address attribute");
        }
        return addr;
    }
}
