package lvsd.vrrp;

/** Why a received packet was discarded; each reason has its own counter. */
public enum Drop {
    /** Not an IPv4 packet carrying protocol 112, or an IPv4 header that does not fit. */
    NOT_VRRP,
    /** Shorter than the fixed part plus the announced addresses (and v2 auth data), or IP length inconsistent. */
    TRUNCATED,
    /** Version nibble not 2/3, or not the version this instance runs. */
    BAD_VERSION,
    /** Type other than 1 (ADVERTISEMENT). */
    BAD_TYPE,
    /** Neither checksum form verifies. */
    BAD_CHECKSUM,
    /** Multicast advert with TTL other than 255 (it may have been routed). */
    BAD_TTL,
    /** No instance with this VRID on the receiving interface. */
    UNKNOWN_VRID,
    /** v2 authentication type differs from ours. */
    AUTH_TYPE_MISMATCH,
    /** v2 simple password differs from ours. */
    AUTH_FAILURE,
    /** Advertisement interval 0, or (v2) different from ours. */
    BAD_INTERVAL,
    /** v2: address list differs from our VIPs and the sender is not the owner. */
    ADDRESS_LIST,
    /** Multicast advert on a unicast instance or unicast advert on a multicast one. */
    WRONG_DESTINATION,
    /** Unicast advert from an address that is not a configured peer. */
    UNKNOWN_PEER,
    /** Our own advert (same priority and same source address). */
    OWN_ADVERT,
    /** We are the address owner (priority 255) and ignore other routers' adverts. */
    OWNER_IGNORES
}
