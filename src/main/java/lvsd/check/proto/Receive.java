package lvsd.check.proto;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import lvsd.clock.Ticker;

/**
 * The receive= regex. ldirectord matches with Perl's {@code =~ /re/}, i.e. "found anywhere", which is
 * {@link java.util.regex.Matcher#find()}. Compiled patterns are kept in a small LRU: a config lists few
 * distinct regexes, but reloads can bring new ones for ever, and a cache that never evicts grows with them.
 */
public final class Receive {
    static final int CACHE_SIZE = 256;

    private static final Map<String, Pattern> CACHE = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Pattern> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    private Receive() {
    }

    /** Throws PatternSyntaxException for a bad regex: the config layer calls this to validate. */
    public static Pattern compile(String regex) throws PatternSyntaxException {
        synchronized (CACHE) {
            Pattern p = CACHE.get(regex);
            if (p == null) {
                p = Pattern.compile(regex);
                CACHE.put(regex, p);
            }
            return p;
        }
    }

    static int cached() {
        synchronized (CACHE) {
            return CACHE.size();
        }
    }

    public static boolean find(String regex, CharSequence text) {
        return compile(regex).matcher(text).find();
    }

    /**
     * As {@link #find(String, CharSequence)}, but gives up at {@code deadlineNanos} on {@code ticker} (or when
     * the calling thread is interrupted) by throwing {@link Deadline.Expired}: a pattern that backtracks
     * catastrophically over server-supplied text must not hold a thread past the check's deadline.
     */
    public static boolean find(String regex, CharSequence text, Ticker ticker, long deadlineNanos) {
        return compile(regex).matcher(new Deadline(text, ticker, deadlineNanos)).find();
    }

    /**
     * A CharSequence that checks a deadline while it is read. java.util.regex reads its input only through
     * charAt, so a match running past the deadline ends at its next read, whatever the pattern.
     */
    public static final class Deadline implements CharSequence {
        /** Reading the clock on every charAt would double the cost of an ordinary match. */
        private static final int CHECK_EVERY = 1024;

        private final CharSequence text;
        private final Ticker ticker;
        private final long deadline;
        private int untilCheck = CHECK_EVERY;

        /** Thrown out of the matcher when the deadline has passed or the thread was interrupted. */
        public static final class Expired extends RuntimeException {
            Expired(String m) {
                super(m, null, false, false);
            }
        }

        public Deadline(CharSequence text, Ticker ticker, long deadlineNanos) {
            this.text = text;
            this.ticker = ticker;
            this.deadline = deadlineNanos;
        }

        @Override
        public char charAt(int index) {
            if (--untilCheck <= 0) {
                untilCheck = CHECK_EVERY;
                if (ticker.nanos() - deadline >= 0) {
                    throw new Expired("deadline passed");
                }
                if (Thread.currentThread().isInterrupted()) {
                    throw new Expired("interrupted");
                }
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            // groups and backreferences read through here too: keep them on the same deadline
            return new Deadline(text.subSequence(start, end), ticker, deadline);
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
