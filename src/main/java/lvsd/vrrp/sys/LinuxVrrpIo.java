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
import lvsd.vrrp.AdvertCodec;
import lvsd.vrrp.Garp;
import lvsd.config.vrrp.VipSpec;
import lvsd.vrrp.VrrpIo;
import lvsd.vrrp.VrrpIoException;

/**
 * VRRP on Linux (vrrp.md §11): one raw protocol-112 socket per interface that both sends (IP_HDRINCL, our own
 * header with TTL 255 and TOS 0xC0) and receives (IP header included), one AF_PACKET socket for gratuitous
 * ARP, a pipe to wake {@code poll}, and a {@link VipInstaller} (rtnetlink) for the addresses.
 */
public final class LinuxVrrpIo implements VrrpIo {
    private static final int RX_SIZE = 4096;
    private static final short ETH_P_ARP_BE = 0x0608; // htons(0x0806) on little-endian hosts

    private final Ifaces ifaces;
    private final VipInstaller vips;
    private final Map<String, Integer> sockets = new LinkedHashMap<>();
    private final Map<String, Integer> indexes = new LinkedHashMap<>();
    private final Map<String, byte[]> macs = new LinkedHashMap<>();
    private final int[] pipe = new int[2];
    private final Memory rx = new Memory(RX_SIZE);
    private int packetFd = -1;
    private int next; // round robin over ready sockets so one busy interface cannot starve another

    public LinuxVrrpIo(VipInstaller vips) throws VrrpIoException {
        this.vips = vips;
        this.ifaces = new Ifaces();
        try {
            Libc.pipe2(pipe, Libc.O_NONBLOCK | Libc.O_CLOEXEC);
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
            fd = Libc.socket(Libc.AF_INET, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC | Libc.SOCK_NONBLOCK,
                    AdvertCodec.IPPROTO_VRRP);
        } catch (LastErrorException e) {
            throw fail("socket(AF_INET, SOCK_RAW, 112)", e);
        }
        try {
            Libc.setsockopt(fd, Libc.IPPROTO_IP, Libc.IP_HDRINCL, intOpt(1), 4);
            byte[] name = (iface + "\0").getBytes(StandardCharsets.US_ASCII);
            Libc.setsockopt(fd, Libc.SOL_SOCKET, Libc.SO_BINDTODEVICE, name, name.length);
            // Without this a raw socket also gets groups that other sockets on the host joined.
            Libc.setsockopt(fd, Libc.IPPROTO_IP, Libc.IP_MULTICAST_ALL, intOpt(0), 4);
            Libc.setsockopt(fd, Libc.IPPROTO_IP, Libc.IP_MULTICAST_IF, mreqn(null, index), 12);
            Libc.setsockopt(fd, Libc.IPPROTO_IP, Libc.IP_MULTICAST_LOOP, intOpt(0), 4);
            Libc.setsockopt(fd, Libc.SOL_SOCKET, Libc.SO_RCVBUF, intOpt(256 * 1024), 4);
        } catch (LastErrorException e) {
            closeQuietly(fd);
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
            Libc.setsockopt(fd, Libc.IPPROTO_IP, Libc.IP_ADD_MEMBERSHIP,
                    mreqn(AdvertCodec.MCAST_GROUP.getAddress(), index), 12);
        } catch (LastErrorException e) {
            if (e.getErrorCode() != 98) { // EADDRINUSE: already a member
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
        // First drain what is already queued, without waiting.
        for (int k = 0; k < n; k++) {
            int i = (next + k) % n;
            Packet p = tryRead(names.get(i));
            if (p != null) {
                next = i + 1;
                return p;
            }
        }
        ByteBuffer fds = ByteBuffer.allocate(8 * (n + 1)).order(ByteOrder.nativeOrder());
        fds.putInt(0, pipe[0]).putShort(4, Libc.POLLIN);
        for (int i = 0; i < n; i++) {
            fds.putInt(8 * (i + 1), sockets.get(names.get(i))).putShort(8 * (i + 1) + 4, Libc.POLLIN);
        }
        long ms = Math.max(0, Math.min(Integer.MAX_VALUE, (timeoutNanos + 999_999) / 1_000_000));
        try {
            Libc.poll(fds.array(), n + 1, (int) ms);
        } catch (LastErrorException e) {
            if (e.getErrorCode() != Libc.EINTR) {
                throw fail("poll", e);
            }
            return null;
        }
        drainPipe();
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
            long got = Libc.recvfrom(sockets.get(iface), rx, RX_SIZE, Libc.MSG_DONTWAIT, null, null);
            byte[] data = rx.getByteArray(0, (int) got);
            return new Packet(iface, data, (int) got);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == Libc.EAGAIN || e.getErrorCode() == Libc.EINTR) {
                return null;
            }
            throw fail("recvfrom on " + iface, e);
        }
    }

    private void drainPipe() {
        byte[] b = new byte[64];
        try {
            while (Libc.read(pipe[0], b, b.length) > 0) {
                // discard wakeup tokens
            }
        } catch (LastErrorException ignored) {
            // EAGAIN: empty
        }
    }

    @Override
    public void wakeup() {
        try {
            Libc.write(pipe[1], new byte[] {1}, 1);
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
        sa[0] = (byte) Libc.AF_INET; // sin_family, host order (little-endian)
        System.arraycopy(dst.getAddress(), 0, sa, 4, 4);
        int flags = dst.isMulticastAddress() ? Libc.MSG_DONTROUTE : 0;
        try {
            Libc.sendto(fd, ipPacket, ipPacket.length, flags, sa, sa.length);
        } catch (LastErrorException e) {
            throw fail("sendto " + dst.getHostAddress() + " on " + iface, e);
        }
    }

    @Override
    public void garp(String iface, Inet4Address vip) throws VrrpIoException {
        if (packetFd < 0) {
            try {
                packetFd = Libc.socket(Libc.AF_PACKET, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, ETH_P_ARP_BE);
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
        ll.putShort(0, (short) Libc.AF_PACKET).putShort(2, ETH_P_ARP_BE).putInt(4, index).putShort(8, (short) 1);
        ll.put(11, (byte) 6);
        for (int i = 0; i < 6; i++) {
            ll.put(12 + i, (byte) 0xFF);
        }
        byte[] frame = Garp.frame(mac, vip);
        try {
            Libc.sendto(packetFd, frame, frame.length, 0, ll.array(), 20);
        } catch (LastErrorException e) {
            throw fail("gratuitous ARP for " + vip.getHostAddress() + " on " + iface, e);
        }
    }

    @Override
    public void addVip(String dev, VipSpec vip) throws VrrpIoException {
        vips.add(ifaces.index(dev), vip);
    }

    @Override
    public void removeVip(String dev, VipSpec vip) throws VrrpIoException {
        vips.remove(ifaces.index(dev), vip);
    }

    @Override
    public Inet4Address primaryAddress(String iface) throws VrrpIoException {
        return ifaces.primary(iface);
    }

    @Override
    public boolean linkUp(String iface) {
        return ifaces.linkUp(iface);
    }

    private static void closeQuietly(int fd) {
        try {
            Libc.close(fd);
        } catch (LastErrorException ignored) {
            // already closed or never valid: nothing to do
        }
    }

    @Override
    public void close() {
        sockets.values().forEach(LinuxVrrpIo::closeQuietly);
        sockets.clear();
        if (packetFd >= 0) {
            closeQuietly(packetFd);
        }
        closeQuietly(pipe[0]);
        closeQuietly(pipe[1]);
        ifaces.close();
        vips.close();
    }
}
