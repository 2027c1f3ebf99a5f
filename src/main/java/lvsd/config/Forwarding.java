package lvsd.config;

/** How IPVS forwards to a real server; the config words are ldirectord's (ipvsadm -g, -m, -i). */
public enum Forwarding {
    /** Direct routing ({@code gate}, ipvsadm {@code -g}): the real keeps the virtual's port. */
    GATE("gate"),
    /** NAT ({@code masq}, ipvsadm {@code -m}): the only method that can change the port. */
    MASQ("masq"),
    /** IP-in-IP tunnelling ({@code ipip}, ipvsadm {@code -i}): the real keeps the virtual's port. */
    IPIP("ipip");

    private final String word;

    Forwarding(String word) {
        this.word = word;
    }

    /** The word used in ldirectord.cf. */
    public String word() {
        return word;
    }

    /** Whether IPVS can deliver to a port other than the virtual's (only NAT rewrites the port). */
    public boolean canChangePort() {
        return this == MASQ;
    }

    /** The method named by {@code word}, or null if the word is not gate, masq or ipip. */
    static Forwarding fromWord(String word) {
        for (Forwarding f : values()) {
            if (f.word.equals(word)) {
                return f;
            }
        }
        return null;
    }
}
