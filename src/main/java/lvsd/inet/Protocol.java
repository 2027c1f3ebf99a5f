package lvsd.inet;

import java.util.Locale;

/**
 * Transport protocol of a virtual service, with its IP protocol number and its spellings in ldirectord.cf
 * and ipvsadm. A firewall-mark service has no protocol: its key carries the mark instead.
 */
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

    /** The word in ldirectord.cf ({@code protocol=tcp}) and in /etc/services: tcp, udp, sctp. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
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
