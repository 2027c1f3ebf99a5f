package lvsd.netlink.sys;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * Direct-mapped libc socket calls (cheaper per call than interface mapping). Sizes are passed as Java
 * {@code long} for {@code size_t}/{@code ssize_t}, which assumes an LP64 platform (x86-64, arm64).
 */
final class LibC {
    static {
        Native.register("c");
    }

    private LibC() {}

    static native int socket(int domain, int type, int protocol) throws LastErrorException;

    static native int bind(int fd, byte[] addr, int addrlen) throws LastErrorException;

    static native int getsockname(int fd, byte[] addr, int[] addrlen) throws LastErrorException;

    static native int setsockopt(int fd, int level, int name, byte[] value, int len) throws LastErrorException;

    static native long sendto(int fd, byte[] buf, long len, int flags, byte[] addr, int addrlen)
            throws LastErrorException;

    static native long recvfrom(int fd, Pointer buf, long len, int flags, byte[] addr, int[] addrlen)
            throws LastErrorException;

    static native int close(int fd) throws LastErrorException;
}
