package lvsd.vrrp;

/** What {@code track_virtual} asks the director: does the named virtual service have a healthy real server? */
@FunctionalInterface
public interface VirtualHealth {
    /** Called from the VRRP thread every ~100 ms; must be cheap and must not block. Unknown names: false. */
    boolean hasHealthyReal(String virtualName);

    VirtualHealth ALL_HEALTHY = name -> true;
}
