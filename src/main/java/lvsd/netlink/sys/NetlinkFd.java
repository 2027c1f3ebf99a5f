package lvsd.netlink.sys;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import lvsd.netlink.NetlinkException;
import lvsd.netlink.NetlinkSocket;
import lvsd.netlink.Nl;
import lvsd.netlink.Transport;
import lvsd.sys.LibC;

/** A real AF_NETLINK socket through JNA: socket, bind, options, sendto/recvfrom with EINTR retried. */
public final class NetlinkFd implements Transport {
    private static final int SOL_NETLINK = 270;
    private static final int NETLINK_CAP_ACK = 10;
    private static final int NETLINK_EXT_ACK = 11;

    private final int fd;
    private final int portId;
    // Receive into native memory and copy out only what arrived: a byte[] argument would be copied whole
    // on every call, and a batch or dump makes thousands of calls.
    private final Memory rx = new Memory(NetlinkSocket.RX_SIZE);
    private boolean closed;

    private NetlinkFd(int fd, int portId) {
        this.fd = fd;
        this.portId = portId;
    }

    /** A {@link NetlinkSocket} of {@code protocol} ({@link Nl#NETLINK_GENERIC}, {@link Nl#NETLINK_ROUTE}, ...). */
    public static NetlinkSocket socket(int protocol) throws NetlinkException {
        return new NetlinkSocket(open(protocol, NetlinkSocket.RECEIVE_TIMEOUT_MILLIS));
    }

    /**
     * Opens and binds a netlink socket of {@code protocol} (e.g. {@link Nl#NETLINK_GENERIC}), asks for
     * extended-ack texts and capped acks (best effort: old kernels lack them), sets a receive timeout so a
     * lost reply cannot hang the caller, and a large receive buffer so a batch's acks fit.
     */
    public static NetlinkFd open(int protocol, int receiveTimeoutMillis) throws NetlinkException {
        int fd;
        try {
            fd = LibC.socket(LibC.AF_NETLINK, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, protocol);
        } catch (LastErrorException e) {
            throw NetlinkException.syscall("socket(LibC.AF_NETLINK, " + protocol + ")", e.getErrorCode());
        }
        try {
            byte[] sa = sockaddr(0);
            LibC.bind(fd, sa, sa.length);
            int[] len = {sa.length};
            LibC.getsockname(fd, sa, len);
            int port = ByteBuffer.wrap(sa).order(ByteOrder.nativeOrder()).getInt(4);
            NetlinkFd s = new NetlinkFd(fd, port);
            s.optionalInt(SOL_NETLINK, NETLINK_EXT_ACK, 1);
            s.optionalInt(SOL_NETLINK, NETLINK_CAP_ACK, 1);
            s.optionalInt(LibC.SOL_SOCKET, LibC.SO_SNDBUF, 1 << 20);
            if (!s.optionalInt(LibC.SOL_SOCKET, LibC.SO_RCVBUFFORCE, 4 << 20)) {
                s.optionalInt(LibC.SOL_SOCKET, LibC.SO_RCVBUF, 4 << 20);
            }
            ByteBuffer tv = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder());
            tv.putLong(receiveTimeoutMillis / 1000).putLong((receiveTimeoutMillis % 1000) * 1000L);
            LibC.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_RCVTIMEO, tv.array(), 16);
            return s;
        } catch (LastErrorException e) {
            LibC.closeQuietly(fd);
            throw NetlinkException.syscall("netlink socket setup", e.getErrorCode());
        }
    }

    @Override
    public void send(byte[] data, int length) throws NetlinkException {
        byte[] to = sockaddr(0);
        while (true) {
            try {
                long n = LibC.sendto(fd, data, length, 0, to, to.length);
                if (n != length) {
                    throw NetlinkException.malformed("sendto sent " + n + " of " + length + " bytes");
                }
                return;
            } catch (LastErrorException e) {
                if (e.getErrorCode() != Nl.EINTR) {
                    throw NetlinkException.syscall("sendto", e.getErrorCode());
                }
            }
        }
    }

    @Override
    public int receive(byte[] into) throws NetlinkException {
        byte[] from = new byte[12];
        int[] fromLen = {12};
        while (true) {
            try {
                long n = LibC.recvfrom(fd, rx, Math.min(into.length, NetlinkSocket.RX_SIZE), 0, from, fromLen);
                // Only the kernel (port 0) talks to us; drop anything another process sends to our port.
                if (ByteBuffer.wrap(from).order(ByteOrder.nativeOrder()).getInt(4) != 0) {
                    continue;
                }
                rx.read(0, into, 0, (int) n);
                return (int) n;
            } catch (LastErrorException e) {
                int errno = e.getErrorCode();
                if (errno == Nl.EINTR) {
                    continue;
                }
                throw NetlinkException.syscall(errno == Nl.EAGAIN ? "recvfrom (timed out waiting for the kernel)"
                        : "recvfrom", errno);
            }
        }
    }

    @Override
    public int portId() {
        return portId;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            LibC.closeQuietly(fd);
        }
    }

    private boolean optionalInt(int level, int name, int value) {
        byte[] v = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array();
        try {
            LibC.setsockopt(fd, level, name, v, 4);
            return true;
        } catch (LastErrorException e) {
            return false;
        }
    }

    private static byte[] sockaddr(int pid) {
        return ByteBuffer.allocate(12).order(ByteOrder.nativeOrder())
                .putShort((short) LibC.AF_NETLINK).putShort((short) 0).putInt(pid).putInt(0).array();
    }
}
