package lvsd.vrrp.sys;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/** Direct-mapped libc calls for VRRP's raw and packet sockets (LP64: size_t as long). */
final class Libc {
    static {
        Native.register("c");
    }

    private Libc() {}

    static final int AF_INET = 2;
    static final int AF_PACKET = 17;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_RAW = 3;
    static final int SOCK_NONBLOCK = 0x800;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int SOL_SOCKET = 1;
    static final int SO_RCVBUF = 8;
    static final int SO_BINDTODEVICE = 25;
    static final int IPPROTO_IP = 0;
    static final int IP_HDRINCL = 3;
    static final int IP_MULTICAST_IF = 32;
    static final int IP_MULTICAST_LOOP = 34;
    static final int IP_ADD_MEMBERSHIP = 35;
    static final int IP_MULTICAST_ALL = 49;
    static final int MSG_DONTROUTE = 4;
    static final int MSG_DONTWAIT = 0x40;
    static final int EINTR = 4;
    static final int EAGAIN = 11;
    static final short POLLIN = 1;
    static final long SIOCGIFFLAGS = 0x8913;
    static final long SIOCGIFADDR = 0x8915;
    static final long SIOCGIFHWADDR = 0x8927;
    static final long SIOCGIFINDEX = 0x8933;
    static final int O_NONBLOCK = 0x800;
    static final int O_CLOEXEC = 0x80000;

    static native int socket(int domain, int type, int protocol) throws LastErrorException;

    static native int setsockopt(int fd, int level, int name, byte[] value, int len) throws LastErrorException;

    static native long sendto(int fd, byte[] buf, long len, int flags, byte[] addr, int addrlen)
            throws LastErrorException;

    static native long recvfrom(int fd, Pointer buf, long len, int flags, Pointer addr, Pointer addrlen)
            throws LastErrorException;

    static native int poll(byte[] fds, long nfds, int timeoutMillis) throws LastErrorException;

    static native int ioctl(int fd, long request, byte[] arg) throws LastErrorException;

    static native int pipe2(int[] fds, int flags) throws LastErrorException;

    static native long write(int fd, byte[] buf, long len) throws LastErrorException;

    static native long read(int fd, byte[] buf, long len) throws LastErrorException;

    static native int close(int fd) throws LastErrorException;
}
