package lvsd.check.sys;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;

/** The few libc calls the checks need that the JDK lacks: signalling a whole process group, raw sockets. */
public final class Libc {
    static {
        Native.register("c");
    }

    public static final int SIGKILL = 9;
    public static final int ESRCH = 3;

    private Libc() {
    }

    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;
    public static final int SOCK_RAW = 3;
    public static final int IPPROTO_ICMP = 1;
    public static final int IPPROTO_ICMPV6 = 58;
    public static final short POLLIN = 1;

    public static native int socket(int domain, int type, int protocol) throws LastErrorException;

    public static native long sendto(int fd, byte[] buf, long len, int flags, byte[] addr, int addrlen)
            throws LastErrorException;

    public static native long recvfrom(int fd, byte[] buf, long len, int flags, byte[] addr, int[] addrlen)
            throws LastErrorException;

    /** poll(2) on a {@code struct pollfd[]} packed as 8 bytes each (int fd, short events, short revents). */
    public static native int poll(byte[] fds, long nfds, int timeoutMillis) throws LastErrorException;

    public static native int close(int fd) throws LastErrorException;

    /** kill(2): a negative pid names a process group. */
    public static native int kill(int pid, int sig) throws LastErrorException;

    /** Sends SIGKILL to process group {@code pgid}; false when the group no longer exists. */
    public static boolean killGroup(int pgid) {
        if (pgid <= 1) {
            throw new IllegalArgumentException("refusing to signal process group " + pgid);
        }
        try {
            kill(-pgid, SIGKILL);
            return true;
        } catch (LastErrorException e) {
            if (e.getErrorCode() == ESRCH) {
                return false;
            }
            throw e;
        }
    }
}
