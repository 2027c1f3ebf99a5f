package lvsd.director;

/**
 * Where the director puts one real (or the fallback) of one virtual in a cycle. Changes between cycles are the
 * transitions that get one log line each.
 */
public record RealStatus(Kind kind, int weight) {

    public enum Kind {
        /** No check has finished; not added, but kept if the kernel already had it in rotation. */
        PENDING("pending"),
        /** In rotation with {@link #weight()}. */
        UP("up"),
        /** Down and kept in the table with weight 0 (quiescent=yes). */
        QUIESCED("quiesced"),
        /** Down and not in the table (quiescent=no, or quiescent without readdquiescent after a hand delete). */
        REMOVED("removed"),
        /** Dropped from the configuration; weight 0 until its connections end or the drain time is up. */
        DRAINING("draining"),
        /** The fallback server, in the table while no real of its virtual is up. */
        FALLBACK("fallback");

        private final String word;

        Kind(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    public static final RealStatus PENDING = new RealStatus(Kind.PENDING, 0);
    public static final RealStatus QUIESCED = new RealStatus(Kind.QUIESCED, 0);
    public static final RealStatus REMOVED = new RealStatus(Kind.REMOVED, 0);
    public static final RealStatus DRAINING = new RealStatus(Kind.DRAINING, 0);

    public static RealStatus up(int weight) {
        return new RealStatus(Kind.UP, weight);
    }

    public static RealStatus fallback(int weight) {
        return new RealStatus(Kind.FALLBACK, weight);
    }

    @Override
    public String toString() {
        return kind == Kind.UP || kind == Kind.FALLBACK ? kind.word + " (weight " + weight + ")" : kind.word;
    }
}
