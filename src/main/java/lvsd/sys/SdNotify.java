package lvsd.sys;

import com.sun.jna.LastErrorException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * systemd's notification protocol: one datagram of {@code KEY=VALUE} lines to the AF_UNIX socket named by
 * {@code $NOTIFY_SOCKET} (a path, or an abstract name written with a leading '@'). Without that variable (not
 * started by systemd with Type=notify) every call does nothing. A failed send is reported, never thrown: the
 * service manager's bookkeeping must not stop the director.
 */
public final class SdNotify implements AutoCloseable {

    private static final int SUN_PATH_MAX = 108;

    private final byte[] address;
    private final int addressLength;
    private int fd = -1;

    private SdNotify(byte[] address, int addressLength) {
        this.address = address;
        this.addressLength = addressLength;
    }

    /** Reads {@code $NOTIFY_SOCKET}; empty when the daemon does not run under a notify-aware manager. */
    public static Optional<SdNotify> fromEnvironment() {
        String target = System.getenv("NOTIFY_SOCKET");
        return target == null || target.isEmpty() ? Optional.empty() : Optional.of(forSocket(target));
    }

    /**
     * The watchdog interval systemd asks for: {@code WATCHDOG_USEC} (µs), when {@code WATCHDOG_PID} is absent or
     * names {@code pid} (a variable inherited by a child is not the child's watchdog). Empty: no watchdog.
     *
     * @throws IllegalArgumentException when a variable is set but is not a positive number
     */
    public static Optional<Duration> watchdogInterval(Map<String, String> env, long pid) {
        String usec = env.get("WATCHDOG_USEC");
        if (usec == null || usec.isEmpty()) {
            return Optional.empty();
        }
        String forPid = env.get("WATCHDOG_PID");
        if (forPid != null && !forPid.isEmpty() && !forPid.equals(Long.toString(pid))) {
            return Optional.empty();
        }
        long micros;
        try {
            micros = Long.parseLong(usec);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("WATCHDOG_USEC is not a number: " + usec);
        }
        if (micros <= 0) {
            throw new IllegalArgumentException("WATCHDOG_USEC must be positive: " + usec);
        }
        return Optional.of(Duration.ofNanos(Math.multiplyExact(micros, 1000L)));
    }

    /**
     * CLOCK_MONOTONIC in µs, for RELOADING=1's MONOTONIC_USEC. HotSpot's {@link System#nanoTime} on Linux is
     * {@code clock_gettime(CLOCK_MONOTONIC)}, the clock systemd compares it with.
     */
    public static long monotonicMicros() {
        return System.nanoTime() / 1000;
    }

    /** A notifier for the socket {@code target} (a path, or {@code @name} for the abstract namespace). */
    public static SdNotify forSocket(String target) {
        byte[] name = target.getBytes(StandardCharsets.UTF_8);
        if (name.length == 0 || name.length >= SUN_PATH_MAX) {
            throw new IllegalArgumentException("NOTIFY_SOCKET must be 1.." + (SUN_PATH_MAX - 1)
                    + " bytes, got " + name.length);
        }
        boolean abstractName = name[0] == '@';
        byte[] sockaddr = sockaddrUn(name, abstractName);
        // sizeof(sa_family_t) + the name; a path also carries its NUL, an abstract name must not.
        int len = 2 + name.length + (abstractName ? 0 : 1);
        return new SdNotify(sockaddr, len);
    }

    /** Builds a {@code struct sockaddr_un}: u16 family in host order, then the name. */
    static byte[] sockaddrUn(byte[] name, boolean abstractName) {
        byte[] sa = new byte[2 + SUN_PATH_MAX];
        // AF_UNIX = 1, little-endian (x86-64, aarch64): the family is in host byte order
        sa[0] = (byte) LibC.AF_UNIX;
        sa[1] = 0;
        System.arraycopy(name, 0, sa, 2, name.length);
        if (abstractName) {
            sa[2] = 0; // '@' stands for the leading NUL of an abstract name
        }
        return sa;
    }

    /**
     * Sends one notification, for example {@code "READY=1\nSTATUS=running"}. Returns an error text or null.
     */
    public synchronized String send(String state) {
        byte[] msg = state.getBytes(StandardCharsets.UTF_8);
        try {
            if (fd < 0) {
                fd = LibC.socket(LibC.AF_UNIX, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0);
            }
            LibC.sendto(fd, msg, msg.length, LibC.MSG_NOSIGNAL, address, addressLength);
            return null;
        } catch (LastErrorException e) {
            return "sd_notify failed: errno " + e.getErrorCode();
        }
    }

    @Override
    public synchronized void close() {
        if (fd >= 0) {
            try {
                LibC.close(fd);
            } catch (LastErrorException e) {
                // nothing to do: the socket is gone either way
            }
            fd = -1;
        }
    }
}
