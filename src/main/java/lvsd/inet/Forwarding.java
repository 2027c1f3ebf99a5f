package lvsd.inet;

/**
 * How IPVS forwards to a real server (IP_VS_CONN_F_* &amp; 7), with ipvsadm's list name and switch and
 * ldirectord's word. LOCAL ("the real server is this host") is only ever read back, never configured.
 *
 * <p>It lives here, beside addresses and protocols, rather than in {@code lvsd.ipvs}: the config model names
 * the forwarding of each real and must not depend on the package that holds the netlink client, while the IPVS
 * model needs the kernel codes; one enum in this leaf package serves both without a mapping between them.
 */
public enum Forwarding {
    /** NAT ({@code masq}, ipvsadm {@code -m}): the only method that can change the port. */
    MASQ(0, "Masq", "-m", "masq"),
    LOCAL(1, "Local", "-g", null),
    /** IP-in-IP tunnelling ({@code ipip}, ipvsadm {@code -i}): the real keeps the virtual's port. */
    TUNNEL(2, "Tunnel", "-i", "ipip"),
    /** Direct routing ({@code gate}, ipvsadm {@code -g}): the real keeps the virtual's port. */
    ROUTE(3, "Route", "-g", "gate");

    private final int code;
    private final String label;
    private final String ipvsadmSwitch;
    private final String word;

    Forwarding(int code, String label, String ipvsadmSwitch, String word) {
        this.code = code;
        this.label = label;
        this.ipvsadmSwitch = ipvsadmSwitch;
        this.word = word;
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

    /** masq, ipip or gate as in ldirectord.cf; null for LOCAL, which the config cannot name. */
    public String word() {
        return word;
    }

    /** Whether IPVS can deliver to a port other than the virtual's (only NAT rewrites the port). */
    public boolean canChangePort() {
        return this == MASQ;
    }

    /** The method named by {@code word} in ldirectord.cf, or null if the word is not gate, masq or ipip. */
    public static Forwarding fromWord(String word) {
        for (Forwarding f : values()) {
            if (f.word != null && f.word.equals(word)) {
                return f;
            }
        }
        return null;
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
