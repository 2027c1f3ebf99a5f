package lvsd.vrrp.sys;

import lvsd.netlink.MessageBuilder;
import lvsd.netlink.NetlinkException;
import lvsd.netlink.NetlinkSocket;
import lvsd.netlink.sys.NetlinkFd;
import lvsd.netlink.Nl;
import lvsd.config.VipSpec;
import lvsd.sys.LibC;
import lvsd.vrrp.Applied;

/** VIPs through rtnetlink RTM_NEWADDR / RTM_DELADDR on the shared netlink layer (vrrp.md §11.6). */
public final class RtnlVips implements VipInstaller {
    static final int RTM_NEWADDR = 20;
    static final int RTM_DELADDR = 21;
    static final int IFA_ADDRESS = 1;
    static final int IFA_LOCAL = 2;
    static final int IFA_LABEL = 3;
    private static final int AF_INET = 2;

    private NetlinkSocket socket;

    /** The RTM_NEWADDR request (REQUEST and ACK are added when sent). */
    static byte[] newAddr(int ifindex, VipSpec vip) {
        return message(RTM_NEWADDR, Nl.F_CREATE | Nl.F_EXCL, ifindex, vip, true);
    }

    /** The RTM_DELADDR request: same prefix length, so the kernel finds the address. */
    static byte[] delAddr(int ifindex, VipSpec vip) {
        return message(RTM_DELADDR, 0, ifindex, vip, false);
    }

    private static byte[] message(int type, int flags, int ifindex, VipSpec vip, boolean withLabel) {
        byte[] ifaddrmsg = new byte[8];
        ifaddrmsg[0] = AF_INET;
        ifaddrmsg[1] = (byte) vip.prefixLength();
        // ifa_flags 0, ifa_scope 0 (universe), then ifa_index in host order
        java.nio.ByteBuffer.wrap(ifaddrmsg).order(java.nio.ByteOrder.nativeOrder()).putInt(4, ifindex);
        MessageBuilder b = new MessageBuilder(type, flags).raw(ifaddrmsg)
                .bytes(IFA_LOCAL, vip.address().getAddress())
                .bytes(IFA_ADDRESS, vip.address().getAddress());
        if (withLabel && vip.label() != null) {
            b.string(IFA_LABEL, vip.label());
        }
        return b.build();
    }

    private NetlinkSocket socket() throws NetlinkException {
        if (socket == null) {
            socket = NetlinkFd.socket(Nl.NETLINK_ROUTE);
        }
        return socket;
    }

    @Override
    public Applied add(int ifindex, VipSpec vip) {
        return exchange(newAddr(ifindex, vip), Nl.EEXIST);
    }

    @Override
    public Applied remove(int ifindex, VipSpec vip) {
        return exchange(delAddr(ifindex, vip), LibC.EADDRNOTAVAIL);
    }

    private Applied exchange(byte[] msg, int alreadyDoneErrno) {
        try {
            socket().request(msg);
            return Applied.OK;
        } catch (NetlinkException e) {
            if (e.fromKernel() && e.errno() == alreadyDoneErrno) {
                return Applied.ALREADY_DONE;
            }
            if (!e.fromKernel()) {
                close(); // the socket itself failed: open a fresh one next time
            }
            return new Applied.Refused(e.getMessage());
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.close();
            socket = null;
        }
    }
}
