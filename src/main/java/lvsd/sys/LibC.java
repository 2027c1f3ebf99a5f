package lvsd.sys;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * lvsd's one binding to the C library: the calls the JDK lacks (raw, packet, netlink and AF_UNIX datagram
 * sockets, ioctl, poll, pipe2, kill, flock). Direct mapping, which is cheaper per call than interface mapping; sizes are
 * passed as Java {@code long} for {@code size_t}/{@code ssize_t}, which assumes an LP64 platform (x86-64, arm64).
 * A null array argument is passed as a NULL pointer. Only edges call this: the adapters in this package and the
 * socket classes of {@code lvsd.netlink.sys} and {@code lvsd.vrrp.sys}.
 */
public final class LibC {
    static {
        Native.register("c");
    }

    private LibC() {}

    public static final int AF_UNIX = 1;
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;
    public static final int AF_NETLINK = 16;
    public static final int AF_PACKET = 17;
    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_RAW = 3;
    public static final int SOCK_NONBLOCK = 0x800;
    public static final int SOCK_CLOEXEC = 0x80000;
    public static final int O_NONBLOCK = 0x800;
    public static final int O_CLOEXEC = 0x80000;
    public static final int SOL_SOCKET = 1;
    public static final int SO_SNDBUF = 7;
    public static final int SO_RCVBUF = 8;
    public static final int SO_RCVTIMEO = 20;
    public static final int SO_BINDTODEVICE = 25;
    public static final int SO_RCVBUFFORCE = 33;
    public static final int IPPROTO_IP = 0;
    public static final int IPPROTO_ICMP = 1;
    public static final int IPPROTO_ICMPV6 = 58;
    public static final int MSG_DONTROUTE = 4;
    public static final int MSG_DONTWAIT = 0x40;
    public static final int MSG_NOSIGNAL = 0x4000;
    public static final short POLLIN = 1;
    public static final int SIGHUP = 1;
    public static final int SIGKILL = 9;
    public static final int SIGTERM = 15;
    public static final int O_RDWR = 2;
    public static final int O_CREAT = 0x40;
    /** O_NOFOLLOW differs between the two LP64 platforms lvsd runs on. */
    public static final int O_NOFOLLOW = "aarch64".equals(System.getProperty("os.arch")) ? 0x8000 : 0x20000;
    public static final int LOCK_EX = 2;
    public static final int LOCK_NB = 4;

    public static final int EPERM = 1;
    public static final int ESRCH = 3;
    public static final int EINTR = 4;
    public static final int EAGAIN = 11;
    public static final int ENODEV = 19;
    public static final int EADDRINUSE = 98;
    public static final int EADDRNOTAVAIL = 99;

    public static native int socket(int domain, int type, int protocol) throws LastErrorException;

    public static native int bind(int fd, byte[] addr, int addrlen) throws LastErrorException;

    public static native int getsockname(int fd, byte[] addr, int[] addrlen) throws LastErrorException;

    public static native int setsockopt(int fd, int level, int name, byte[] value, int len) throws LastErrorException;

    public static native long sendto(int fd, byte[] buf, long len, int flags, byte[] addr, int addrlen)
            throws LastErrorException;

    /** Receives into native memory, so only what arrived is copied out (a byte[] is copied whole per call). */
    public static native long recvfrom(int fd, Pointer buf, long len, int flags, byte[] addr, int[] addrlen)
            throws LastErrorException;

    public static native long recv(int fd, byte[] buf, long len, int flags) throws LastErrorException;

    /** poll(2) on a {@code struct pollfd[]} packed as 8 bytes each (int fd, short events, short revents). */
    public static native int poll(byte[] fds, long nfds, int timeoutMillis) throws LastErrorException;

    public static native int ioctl(int fd, long request, byte[] arg) throws LastErrorException;

    public static native int pipe2(int[] fds, int flags) throws LastErrorException;

    public static native long write(int fd, byte[] buf, long len) throws LastErrorException;

    public static native long read(int fd, byte[] buf, long len) throws LastErrorException;

    public static native int close(int fd) throws LastErrorException;

    /** open(2) of a path (JNA passes the String as a NUL-terminated C string). */
    public static native int open(String path, int flags, int mode) throws LastErrorException;

    /** flock(2): a lock on the open file description, released when the last descriptor to it closes. */
    public static native int flock(int fd, int operation) throws LastErrorException;

    public static native int ftruncate(int fd, long length) throws LastErrorException;

    public static native int fsync(int fd) throws LastErrorException;

    /** kill(2): a negative pid names a process group. */
    public static native int kill(int pid, int sig) throws LastErrorException;

    /** Closes {@code fd}, ignoring errors: the descriptor is gone either way. */
    public static void closeQuietly(int fd) {
        try {
            close(fd);
        } catch (LastErrorException ignored) {
            // nothing useful to do about a failed close
        }
    }
}
