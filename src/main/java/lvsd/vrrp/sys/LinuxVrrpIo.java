package lvsd.vrrp.sys;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lvsd.sys.LibC;
import lvsd.vrrp.AdvertCodec;
import lvsd.vrrp.Applied;
import lvsd.vrrp.Garp;
import lvsd.config.VipSpec;
import lvsd.vrrp.VrrpIo;
import lvsd.vrrp.VrrpIoException;

/**
 * VRRP on Linux (vrrp.md §11): one raw protocol-112 socket per interface that both sends (IP_HDRINCL, our own
 * header with TTL 255 and TOS 0xC0) and receives (IP header included), one send-only AF_PACKET socket for
 * gratuitous ARP, a pipe to wake {@code poll}, and a {@link VipInstaller} (rtnetlink) for the addresses.
 */
public final class LinuxVrrpIo implements VrrpIo {
    private static final int RX_SIZE = 4096;
    private static final short ETH_P_ARP_BE = 0x0608; // htons(0x0806) on little-endian hosts
    private static final int IP_HDRINCL = 3;
    private static final int IP_MULTICAST_IF = 32;
    private static final int IP_MULTICAST_LOOP = 34;
    private static final int IP_ADD_MEMBERSHIP = 35;
    private static final int IP_MULTICAST_ALL = 49;

    private final Ifaces ifaces;
    private final VipInstaller vips;
    private final Map<String, Integer> sockets = new LinkedHashMap<>();
    private final Map<String, Integer> indexes = new LinkedHashMap<>();
    private final Map<String, byte[]> macs = new LinkedHashMap<>();
    private final int[] pipe = new int[2];
    private final Memory rx = new Memory(RX_SIZE);
    private int packetFd = -1;
    private int next; // round robin over ready sockets so one busy interface cannot starve another

    /** VRRP on the host's interfaces, with VIPs through rtnetlink. */
    public static LinuxVrrpIo open() throws VrrpIoException {
        return new LinuxVrrpIo(new RtnlVips());
    }

    public LinuxVrrpIo(VipInstaller vips) throws VrrpIoException {
        this.vips = vips;
        this.ifaces = new Ifaces();
        try {
            LibC.pipe2(pipe, LibC.O_NONBLOCK | LibC.O_CLOEXEC);
        } catch (LastErrorException e) {
            throw fail("pipe2", e);
        }
    }

    private static VrrpIoException fail(String op, LastErrorException e) {
        int errno = e.getErrorCode();
        String why = errno == 1 ? "operation not permitted (needs CAP_NET_RAW / CAP_NET_ADMIN)" : "errno " + errno;
        return new VrrpIoException(op, errno, why);
    }

    private static byte[] intOpt(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(v).array();
    }

    @Override
    public void open(String iface, boolean multicast) throws VrrpIoException {
        if (sockets.containsKey(iface)) {
            if (multicast) {
                join(sockets.get(iface), indexes.get(iface));
            }
            return;
        }
        int index = ifaces.index(iface);
        int fd;
        try {
            fd = LibC.socket(LibC.AF_INET, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC | LibC.SOCK_NONBLOCK,
                    AdvertCodec.IPPROTO_VRRP);
        } catch (LastErrorException e) {
            throw fail("socket(AF_INET, SOCK_RAW, 112)", e);
        }
        try {
            LibC.setsockopt(fd, LibC.IPPROTO_IP, IP_HDRINCL, intOpt(1), 4);
            byte[] name = (iface + "\0").getBytes(StandardCharsets.US_ASCII);
            LibC.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_BINDTODEVICE, name, name.length);
            // Without this a raw socket also gets groups that other sockets on the host joined.
            LibC.setsockopt(fd, LibC.IPPROTO_IP, IP_MULTICAST_ALL, intOpt(0), 4);
            LibC.setsockopt(fd, LibC.IPPROTO_IP, IP_MULTICAST_IF, mreqn(null, index), 12);
            LibC.setsockopt(fd, LibC.IPPROTO_IP, IP_MULTICAST_LOOP, intOpt(0), 4);
            LibC.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_RCVBUF, intOpt(256 * 1024), 4);
        } catch (LastErrorException e) {
            LibC.closeQuietly(fd);
            throw fail("setsockopt on the VRRP socket for " + iface, e);
        }
        sockets.put(iface, fd);
        indexes.put(iface, index);
        if (multicast) {
            join(fd, index);
        }
    }

    private static void join(int fd, int index) throws VrrpIoException {
        try {
            LibC.setsockopt(fd, LibC.IPPROTO_IP, IP_ADD_MEMBERSHIP,
                    mreqn(AdvertCodec.MCAST_GROUP.getAddress(), index), 12);
        } catch (LastErrorException e) {
            if (e.getErrorCode() != LibC.EADDRINUSE) { // already a member
                throw fail("IP_ADD_MEMBERSHIP 224.0.0.18", e);
            }
        }
    }

    private static byte[] mreqn(byte[] group, int index) {
        ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.nativeOrder());
        if (group != null) {
            b.put(0, group);
        }
        b.putInt(8, index);
        return b.array();
    }

    @Override
    public Packet receive(long timeoutNanos) throws VrrpIoException {
        List<String> names = new ArrayList<>(sockets.keySet());
        int n = names.size();
        Packet queued = tryReadAny(names); // first what is already queued, without waiting
        if (queued != null) {
            return queued;
        }
        ByteBuffer fds = ByteBuffer.allocate(8 * (n + 1)).order(ByteOrder.nativeOrder());
        fds.putInt(0, pipe[0]).putShort(4, LibC.POLLIN);
        for (int i = 0; i < n; i++) {
            fds.putInt(8 * (i + 1), sockets.get(names.get(i))).putShort(8 * (i + 1) + 4, LibC.POLLIN);
        }
        long ms = Math.max(0, Math.min(Integer.MAX_VALUE, (timeoutNanos + 999_999) / 1_000_000));
        try {
            LibC.poll(fds.array(), n + 1, (int) ms);
        } catch (LastErrorException e) {
            if (e.getErrorCode() != LibC.EINTR) {
                throw fail("poll", e);
            }
            return null;
        }
        drainPipe();
        return tryReadAny(names);
    }

    /** One packet from the first socket with one queued, starting after the last one served. */
    private Packet tryReadAny(List<String> names) throws VrrpIoException {
        int n = names.size();
        for (int k = 0; k < n; k++) {
            int i = (next + k) % n;
            Packet p = tryRead(names.get(i));
            if (p != null) {
                next = i + 1;
                return p;
            }
        }
        return null;
    }

    private Packet tryRead(String iface) throws VrrpIoException {
        try {
            long got = LibC.recvfrom(sockets.get(iface), rx, RX_SIZE, LibC.MSG_DONTWAIT, null, null);
            byte[] data = rx.getByteArray(0, (int) got);
            return new Packet(iface, data, (int) got);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == LibC.EAGAIN || e.getErrorCode() == LibC.EINTR) {
                return null;
            }
            throw fail("recvfrom on " + iface, e);
        }
    }

    private void drainPipe() {
        byte[] b = new byte[64];
        try {
            while (LibC.read(pipe[0], b, b.length) > 0) {
                // discard wakeup tokens
            }
        } catch (LastErrorException ignored) {
            // EAGAIN: empty
        }
    }

    @Override
    public void wakeup() {
        try {
            LibC.write(pipe[1], new byte[] {1}, 1);
        } catch (LastErrorException ignored) {
            // EAGAIN: the pipe is full of wakeups already
        }
    }

    @Override
    public void send(String iface, byte[] ipPacket, Inet4Address dst) throws VrrpIoException {
        Integer fd = sockets.get(iface);
        if (fd == null) {
            throw new VrrpIoException("send", 0, iface + " was not opened");
        }
        byte[] sa = new byte[16];
        sa[0] = (byte) LibC.AF_INET; // sin_family, host order (little-endian)
        System.arraycopy(dst.getAddress(), 0, sa, 4, 4);
        int flags = dst.isMulticastAddress() ? LibC.MSG_DONTROUTE : 0;
        try {
            LibC.sendto(fd, ipPacket, ipPacket.length, flags, sa, sa.length);
        } catch (LastErrorException e) {
            throw fail("sendto " + dst.getHostAddress() + " on " + iface, e);
        }
    }

    @Override
    public void garp(String iface, Inet4Address vip) throws VrrpIoException {
        if (packetFd < 0) {
            try {
                // protocol 0: a send-only socket. With ETH_P_ARP the kernel would queue a copy of every ARP frame
                // on every interface into it, and nothing here ever reads it; the frame's protocol is given per
                // sendto in the sockaddr_ll instead
                packetFd = LibC.socket(LibC.AF_PACKET, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, 0);
            } catch (LastErrorException e) {
                throw fail("socket(AF_PACKET)", e);
            }
        }
        Integer index = indexes.get(iface);
        if (index == null) {
            index = ifaces.index(iface);
            indexes.put(iface, index);
        }
        byte[] mac = macs.get(iface);
        if (mac == null) {
            mac = ifaces.mac(iface);
            macs.put(iface, mac);
        }
        ByteBuffer ll = ByteBuffer.allocate(20).order(ByteOrder.nativeOrder());
        ll.putShort(0, (short) LibC.AF_PACKET).putShort(2, ETH_P_ARP_BE).putInt(4, index).putShort(8, (short) 1);
        ll.put(11, (byte) 6);
        for (int i = 0; i < 6; i++) {
            ll.put(12 + i, (byte) 0xFF);
        }
        byte[] frame = Garp.frame(mac, vip);
        try {
            LibC.sendto(packetFd, frame, frame.length, 0, ll.array(), 20);
        } catch (LastErrorException e) {
            throw fail("gratuitous ARP for " + vip.getHostAddress() + " on " + iface, e);
        }
    }

    @Override
    public Applied addVip(String dev, VipSpec vip) {
        return onInterface(dev, index -> vips.add(index, vip));
    }

    @Override
    public Applied removeVip(String dev, VipSpec vip) {
        return onInterface(dev, index -> vips.remove(index, vip));
    }

    private Applied onInterface(String dev, java.util.function.IntFunction<Applied> change) {
        try {
            return change.apply(ifaces.index(dev));
        } catch (VrrpIoException e) {
            return new Applied.Refused(e.getMessage());
        }
    }

    @Override
    public Inet4Address primaryAddress(String iface) throws VrrpIoException {
        return ifaces.primary(iface);
    }

    @Override
    public boolean linkUp(String iface) {
        return ifaces.linkUp(iface);
    }

    @Override
    public void close() {
        sockets.values().forEach(LibC::closeQuietly);
        sockets.clear();
        if (packetFd >= 0) {
            LibC.closeQuietly(packetFd);
        }
        LibC.closeQuietly(pipe[0]);
        LibC.closeQuietly(pipe[1]);
        ifaces.close();
        vips.close();
    }
}
