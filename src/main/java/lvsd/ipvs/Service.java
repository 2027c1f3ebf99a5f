package lvsd.ipvs;

import java.util.Objects;
import lvsd.inet.Family;

/**
 * A virtual service's settings. {@code flags} holds IP_VS_SVC_F_* bits (the kernel-internal HASHED bit is
 * dropped). {@code timeout} is the persistence timeout in seconds. {@code netmask} is the persistence
 * granularity: for IPv4 the 32-bit mask (0xFFFFFF00 for /24; default 0xFFFFFFFF), for IPv6 a prefix length
 * (default 128). {@code peName} is the persistence engine ("sip") or "" for none.
 */
public record Service(ServiceKey key, String scheduler, int flags, int timeout, int netmask, String peName) {
    public static final int F_PERSISTENT = 0x0001;
    public static final int F_HASHED = 0x0002;
    public static final int F_ONEPACKET = 0x0004;
    public static final int F_SCHED1 = 0x0008;
    public static final int F_SCHED2 = 0x0010;
    public static final int F_SCHED3 = 0x0020;
    /** The scheduler flag bits (meaning depends on the scheduler: sh-fallback, mh-port, ...). */
    public static final int F_SCHED_MASK = F_SCHED1 | F_SCHED2 | F_SCHED3;
    /** ipvsadm's persistence timeout when -p is given without a value. */
    public static final int DEFAULT_PERSISTENCE_TIMEOUT = 360;

    public Service {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(scheduler, "scheduler");
        peName = peName == null ? "" : peName;
        flags &= ~F_HASHED;
        if (scheduler.isEmpty() || scheduler.length() > 15) {
            throw new IllegalArgumentException("scheduler name must be 1..15 characters: '" + scheduler + "'");
        }
        if (peName.length() > 15) {
            throw new IllegalArgumentException("persistence engine name longer than 15 characters");
        }
        if (timeout < 0) {
            throw new IllegalArgumentException("negative persistence timeout");
        }
        if (key.family() == Family.INET6 && (netmask < 1 || netmask > 128)) {
            throw new IllegalArgumentException("IPv6 persistence prefix must be 1..128, got " + netmask);
        }
    }

    /** A service with the given scheduler and no persistence or flags. */
    public static Service of(ServiceKey key, String scheduler) {
        return new Service(key, scheduler, 0, 0, defaultNetmask(key.family()), "");
    }

    public static int defaultNetmask(Family family) {
        return family == Family.INET6 ? 128 : 0xFFFFFFFF;
    }

    public boolean persistent() {
        return (flags & F_PERSISTENT) != 0;
    }

    public boolean onePacket() {
        return (flags & F_ONEPACKET) != 0;
    }

    public Service withScheduler(String s) {
        return new Service(key, s, flags, timeout, netmask, peName);
    }

    /** Persistent with {@code seconds} timeout and the given granularity (see the record's netmask). */
    public Service withPersistence(int seconds, int mask) {
        return new Service(key, scheduler, flags | F_PERSISTENT, seconds, mask, peName);
    }

    public Service withFlags(int newFlags) {
        return new Service(key, scheduler, newFlags, timeout, netmask, peName);
    }

    public Service withPeName(String pe) {
        return new Service(key, scheduler, flags, timeout, netmask, pe);
    }

    @Override
    public String toString() {
        return key + " -s " + scheduler + (persistent() ? " -p " + timeout : "");
    }
}
