package lvsd.ipvs;

/** Transport protocol of a virtual service, with its IP protocol number and ipvsadm spellings. */
public enum Protocol {
    TCP(6, "TCP", "-t"),
    UDP(17, "UDP", "-u"),
    SCTP(132, "SCTP", "--sctp-service");

    private final int code;
    private final String label;
    private final String ipvsadmSwitch;

    Protocol(int code, String label, String ipvsadmSwitch) {
        this.code = code;
        this.label = label;
        this.ipvsadmSwitch = ipvsadmSwitch;
    }

    public int code() {
        return code;
    }

    /** The name in {@code ipvsadm -L} output: TCP, UDP, SCTP. */
    public String label() {
        return label;
    }

    /** The ipvsadm option that names a service of this protocol: -t, -u, --sctp-service. */
    public String ipvsadmSwitch() {
        return ipvsadmSwitch;
    }

    public static Protocol fromCode(int code) {
        for (Protocol p : values()) {
            if (p.code == code) {
                return p;
            }
        }
        throw new IllegalArgumentException("unsupported IP protocol " + code);
    }
}
