package lvsd.config;

/** The protocol of a virtual service: an address and port is tcp or udp, a firewall mark is fwm. */
public enum Protocol {
    TCP("tcp"),
    UDP("udp"),
    FWM("fwm");

    private final String word;

    Protocol(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }
}
