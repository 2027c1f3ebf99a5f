package lvsd.vrrp.sys;

import com.sun.jna.LastErrorException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import lvsd.sys.LibC;
import lvsd.vrrp.VrrpIoException;

/** Interface facts through {@code ioctl} on a datagram socket: index, MAC, primary IPv4 address, link state. */
public final class Ifaces implements AutoCloseable {
    private static final int IFF_UP = 0x1;
    private static final int IFF_RUNNING = 0x40;
    private static final long SIOCGIFFLAGS = 0x8913;
    private static final long SIOCGIFADDR = 0x8915;
    private static final long SIOCGIFHWADDR = 0x8927;
    private static final long SIOCGIFINDEX = 0x8933;
    private final int fd;

    public Ifaces() throws VrrpIoException {
        try {
            fd = LibC.socket(LibC.AF_INET, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0);
        } catch (LastErrorException e) {
            throw new VrrpIoException("socket(AF_INET, SOCK_DGRAM)", e.getErrorCode(), "errno " + e.getErrorCode());
        }
    }

    private byte[] ifreq(String name, long request) throws VrrpIoException {
        if (!exists(name)) {
            throw new VrrpIoException("ioctl(" + name + ", 0x" + Long.toHexString(request) + ")", LibC.ENODEV, "no such interface");
        }
        byte[] r = new byte[40];
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(n, 0, r, 0, Math.min(15, n.length));
        try {
            LibC.ioctl(fd, request, r);
            return r;
        } catch (LastErrorException e) {
            int errno = e.getErrorCode();
            String why = errno == LibC.ENODEV ? "no such interface" : errno == LibC.EADDRNOTAVAIL ? "no IPv4 address" : "errno " + errno;
            throw new VrrpIoException("ioctl(" + name + ", 0x" + Long.toHexString(request) + ")", errno, why);
        }
    }

    public int index(String name) throws VrrpIoException {
        byte[] r = ifreq(name, SIOCGIFINDEX);
        return (r[16] & 0xFF) | (r[17] & 0xFF) << 8 | (r[18] & 0xFF) << 16 | (r[19] & 0xFF) << 24;
    }

    public byte[] mac(String name) throws VrrpIoException {
        byte[] r = ifreq(name, SIOCGIFHWADDR);
        return java.util.Arrays.copyOfRange(r, 18, 24);
    }

    /** The interface's primary IPv4 address (the one without a label suffix), or null if it has none. */
    public Inet4Address primary(String name) throws VrrpIoException {
        try {
            byte[] r = ifreq(name, SIOCGIFADDR);
            return (Inet4Address) InetAddress.getByAddress(java.util.Arrays.copyOfRange(r, 20, 24));
        } catch (VrrpIoException e) {
            if (e.errno() == LibC.EADDRNOTAVAIL) {
                return null;
            }
            throw e;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Up and running (carrier); false also when the interface does not exist. */
    public boolean linkUp(String name) {
        try {
            byte[] r = ifreq(name, SIOCGIFFLAGS);
            int flags = (r[16] & 0xFF) | (r[17] & 0xFF) << 8;
            return (flags & (IFF_UP | IFF_RUNNING)) == (IFF_UP | IFF_RUNNING);
        } catch (VrrpIoException e) {
            return false;
        }
    }

    /**
     * Whether this thread's network namespace has the interface, from /proc/thread-self/net/dev. Asked before every
     * ioctl because an ioctl naming a missing interface makes the kernel run modprobe ("netdev-NAME", then "NAME")
     * and wait for it (dev_load): polling a tracked interface that does not exist stalled the VRRP thread, so a
     * backup never took over (seen in the emulated test VM, where a modprobe takes seconds).
     */
    static boolean exists(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/thread-self/net/dev"), StandardCharsets.US_ASCII)) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equals(name)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return true; // no /proc: let the ioctl answer
        }
    }

    @Override
    public void close() {
        LibC.closeQuietly(fd);
    }
}
