package lvsd.config;

/**
 * ldirectord's {@code checktype} values. {@link #COMBINED} is the integer form ({@code checktype=N}): a
 * negotiate check, then N connect checks, then negotiate again; N is carried by {@link CheckSettings}.
 */
public enum CheckType {
    CONNECT("connect"),
    NEGOTIATE("negotiate"),
    PING("ping"),
    EXTERNAL("external"),
    EXTERNAL_PERL("external-perl"),
    /** No checks; reals are always down. */
    OFF("off"),
    /** No checks; reals are always up. */
    ON("on"),
    COMBINED("combined");

    private final String word;

    CheckType(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    /** The type named by a config word (not the integer form), or null. */
    static CheckType fromWord(String word) {
        for (CheckType t : values()) {
            if (t != COMBINED && t.word.equals(word)) {
                return t;
            }
        }
        return null;
    }
}
