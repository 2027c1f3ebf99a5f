package lvsd.daemon.sys;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;

/**
 * The few C library calls the daemon needs that the JDK lacks: an AF_UNIX <em>datagram</em> socket for
 * sd_notify, and kill(2) for {@code lvsd reload}. Direct mapping, as in the other {@code .sys} packages.
 */
final class LibC {
    static final int AF_UNIX = 1;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int MSG_NOSIGNAL = 0x4000;
    static final int SIGHUP = 1;
    static final int ESRCH = 3;
    static final int EPERM = 1;

    static {
        Native.register("c");
    }

    private LibC() {}

    static native int socket(int domain, int type, int protocol) throws LastErrorException;

    static native long sendto(int fd, byte[] buf, long len, int flags, byte[] addr, int addrlen)
            throws LastErrorException;

    static native int bind(int fd, byte[] addr, int addrlen) throws LastErrorException;

    static native long recv(int fd, byte[] buf, long len, int flags) throws LastErrorException;

    static native int close(int fd) throws LastErrorException;

    static native int kill(int pid, int sig) throws LastErrorException;
}
