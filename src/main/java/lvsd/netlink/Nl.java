package lvsd.netlink;

/** Netlink constants from linux/netlink.h and linux/genetlink.h that every netlink user needs. */
public final class Nl {
    private Nl() {}

    public static final int NETLINK_ROUTE = 0;
    public static final int NETLINK_GENERIC = 16;

    public static final int HDRLEN = 16;
    public static final int GENL_HDRLEN = 4;
    public static final int ATTR_HDRLEN = 4;

    // nlmsg_type values below NLMSG_MIN_TYPE are control messages
    public static final int NLMSG_NOOP = 1;
    public static final int NLMSG_ERROR = 2;
    public static final int NLMSG_DONE = 3;
    public static final int NLMSG_OVERRUN = 4;

    // nlmsg_flags
    public static final int F_REQUEST = 0x0001;
    public static final int F_MULTI = 0x0002;
    public static final int F_ACK = 0x0004;
    public static final int F_ECHO = 0x0008;
    public static final int F_DUMP_INTR = 0x0010;
    public static final int F_ROOT = 0x0100;
    public static final int F_MATCH = 0x0200;
    public static final int F_DUMP = F_ROOT | F_MATCH;
    public static final int F_REPLACE = 0x0100;
    public static final int F_EXCL = 0x0200;
    public static final int F_CREATE = 0x0400;
    public static final int F_APPEND = 0x0800;
    /** In an ACK/ERROR: the echoed request was cut to its header. */
    public static final int F_CAPPED = 0x0100;
    /** In an ACK/ERROR: extended-ack TLVs follow. */
    public static final int F_ACK_TLVS = 0x0200;

    public static final int ATTR_F_NESTED = 0x8000;
    public static final int ATTR_F_NET_BYTEORDER = 0x4000;
    public static final int ATTR_TYPE_MASK = 0x3FFF;

    // extended ack TLVs inside NLMSG_ERROR
    public static final int NLMSGERR_ATTR_MSG = 1;
    public static final int NLMSGERR_ATTR_OFFS = 2;

    // generic netlink controller
    public static final int GENL_ID_CTRL = 0x10;
    public static final int CTRL_CMD_NEWFAMILY = 1;
    public static final int CTRL_CMD_GETFAMILY = 3;
    public static final int CTRL_ATTR_FAMILY_ID = 1;
    public static final int CTRL_ATTR_FAMILY_NAME = 2;
    public static final int CTRL_ATTR_VERSION = 3;
    public static final int CTRL_ATTR_MAXATTR = 5;

    // errno values (Linux generic numbering) that callers branch on
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int EINTR = 4;
    public static final int EAGAIN = 11;
    public static final int ENOMEM = 12;
    public static final int EEXIST = 17;
    public static final int EINVAL = 22;
    public static final int ERANGE = 34;
    public static final int EPROTONOSUPPORT = 93;
    public static final int EOPNOTSUPP = 95;
    public static final int EAFNOSUPPORT = 97;
    public static final int ENOBUFS = 105;

    /** NLMSG_ALIGN / NLA_ALIGN: round up to a multiple of 4. */
    public static int align(int n) {
        return (n + 3) & ~3;
    }
}
