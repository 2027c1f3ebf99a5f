package lvsd.vrrp;

import java.net.Inet4Address;

/**
 * A decoded advert with the IP header fields validation needs.
 *
 * @param pseudoHeaderChecksum true if the v3 checksum verified with the RFC 5798 pseudo-header (always false
 *                             for v2 and for v3 packets using the message-only form)
 */
public record Inbound(Inet4Address source, Inet4Address destination, int ttl, Advert advert,
                     boolean pseudoHeaderChecksum) {

    public boolean multicast() {
        return destination.isMulticastAddress();
    }
}
