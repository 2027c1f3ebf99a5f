package lvsd.ipvs;

/** The per-namespace connection timeouts in seconds (ipvsadm --set); 0 in a request means "unchanged". */
public record Timeouts(int tcp, int tcpFin, int udp) {

    public Timeouts {
        if (tcp < 0 || tcpFin < 0 || udp < 0) {
            throw new IllegalArgumentException("timeouts must not be negative");
        }
    }
}
