package lvsd.vrrp;

/** A received packet failed decoding; {@link #reason()} says which counter it goes to. */
public final class BadPacketException extends Exception {
    private final Drop reason;

    public BadPacketException(Drop reason, String message) {
        super(reason + ": " + message, null, false, false); // no stack trace: hostile input is routine
        this.reason = reason;
    }

    public Drop reason() {
        return reason;
    }
}
