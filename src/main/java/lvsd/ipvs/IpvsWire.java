package lvsd.ipvs;

/** IPVS generic netlink numbers from linux/ip_vs.h (see docs: ipvs-netlink.md §3-4). */
final class IpvsWire {
    private IpvsWire() {}

    static final String FAMILY_NAME = "IPVS";
    static final int VERSION = 1;

    static final int CMD_NEW_SERVICE = 1;
    static final int CMD_SET_SERVICE = 2;
    static final int CMD_DEL_SERVICE = 3;
    static final int CMD_GET_SERVICE = 4;
    static final int CMD_NEW_DEST = 5;
    static final int CMD_SET_DEST = 6;
    static final int CMD_DEL_DEST = 7;
    static final int CMD_GET_DEST = 8;
    static final int CMD_NEW_DAEMON = 9;
    static final int CMD_DEL_DAEMON = 10;
    static final int CMD_GET_DAEMON = 11;
    static final int CMD_SET_CONFIG = 12;
    static final int CMD_GET_CONFIG = 13;
    static final int CMD_SET_INFO = 14;
    static final int CMD_GET_INFO = 15;
    static final int CMD_ZERO = 16;
    static final int CMD_FLUSH = 17;

    static final int CMD_ATTR_SERVICE = 1;
    static final int CMD_ATTR_DEST = 2;
    static final int CMD_ATTR_DAEMON = 3;
    static final int CMD_ATTR_TIMEOUT_TCP = 4;
    static final int CMD_ATTR_TIMEOUT_TCP_FIN = 5;
    static final int CMD_ATTR_TIMEOUT_UDP = 6;

    static final int SVC_AF = 1;
    static final int SVC_PROTOCOL = 2;
    static final int SVC_ADDR = 3;
    static final int SVC_PORT = 4;
    static final int SVC_FWMARK = 5;
    static final int SVC_SCHED_NAME = 6;
    static final int SVC_FLAGS = 7;
    static final int SVC_TIMEOUT = 8;
    static final int SVC_NETMASK = 9;
    static final int SVC_STATS = 10;
    static final int SVC_PE_NAME = 11;
    static final int SVC_STATS64 = 12;

    static final int DEST_ADDR = 1;
    static final int DEST_PORT = 2;
    static final int DEST_FWD_METHOD = 3;
    static final int DEST_WEIGHT = 4;
    static final int DEST_U_THRESH = 5;
    static final int DEST_L_THRESH = 6;
    static final int DEST_ACTIVE_CONNS = 7;
    static final int DEST_INACT_CONNS = 8;
    static final int DEST_PERSIST_CONNS = 9;
    static final int DEST_STATS = 10;
    static final int DEST_ADDR_FAMILY = 11;
    static final int DEST_STATS64 = 12;

    static final int DAEMON_STATE = 1;
    static final int DAEMON_MCAST_IFN = 2;
    static final int DAEMON_SYNC_ID = 3;
    static final int DAEMON_SYNC_MAXLEN = 4;
    static final int DAEMON_MCAST_GROUP = 5;
    static final int DAEMON_MCAST_GROUP6 = 6;
    static final int DAEMON_MCAST_PORT = 7;
    static final int DAEMON_MCAST_TTL = 8;

    static final int STATS_CONNS = 1;
    static final int STATS_INPKTS = 2;
    static final int STATS_OUTPKTS = 3;
    static final int STATS_INBYTES = 4;
    static final int STATS_OUTBYTES = 5;
    static final int STATS_CPS = 6;
    static final int STATS_INPPS = 7;
    static final int STATS_OUTPPS = 8;
    static final int STATS_INBPS = 9;
    static final int STATS_OUTBPS = 10;

    static final int INFO_VERSION = 1;
    static final int INFO_CONN_TAB_SIZE = 2;
}
