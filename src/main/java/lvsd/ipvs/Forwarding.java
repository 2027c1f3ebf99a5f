package lvsd.ipvs;

/**
 * How IPVS forwards to a real server (IP_VS_CONN_F_* &amp; 7), with ipvsadm's list name and switch and
 * ldirectord's name. LOCAL ("the real server is this host") is only ever read back, never requested.
 */
public enum Forwarding {
    MASQ(0, "Masq", "-m", "masq"),
    LOCAL(1, "Local", "-g", "local"),
    TUNNEL(2, "Tunnel", "-i", "ipip"),
    ROUTE(3, "Route", "-g", "gate");

    private final int code;
    private final String label;
    private final String ipvsadmSwitch;
    private final String ldirectordName;

    Forwarding(int code, String label, String ipvsadmSwitch, String ldirectordName) {
        this.code = code;
        this.label = label;
        this.ipvsadmSwitch = ipvsadmSwitch;
        this.ldirectordName = ldirectordName;
    }

    public int code() {
        return code;
    }

    /** Masq, Local, Tunnel or Route as in {@code ipvsadm -L}. */
    public String label() {
        return label;
    }

    /** -m, -i or -g as in {@code ipvsadm-save}. */
    public String ipvsadmSwitch() {
        return ipvsadmSwitch;
    }

    /** masq, ipip or gate as in ldirectord.cf. */
    public String ldirectordName() {
        return ldirectordName;
    }

    public static Forwarding fromCode(int code) {
        for (Forwarding f : values()) {
            if (f.code == (code & 7)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown forwarding method " + (code & 7));
    }
}
