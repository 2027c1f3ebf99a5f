package lvsd.check;

/** What the engine believes about a check target. UNKNOWN until the first result arrives. */
public enum Health {
    UNKNOWN,
    UP,
    DOWN
}
