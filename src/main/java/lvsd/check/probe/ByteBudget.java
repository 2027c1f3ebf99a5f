package lvsd.check.probe;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of HTTP responses buffered by all checks together. Each check's buffer is capped on its own,
 * but thousands of checks at their caps would still outgrow the daemon's 64 MiB heap: a check that would
 * take the total past {@link #limit()} fails instead.
 */
final class ByteBudget {
    static final long DEFAULT_LIMIT = 16L * 1024 * 1024;

    private final long limit;
    private final AtomicLong used = new AtomicLong();

    ByteBudget(long limit) {
        this.limit = limit;
    }

    /** Takes {@code n} bytes if they fit. */
    boolean take(long n) {
        while (true) {
            long u = used.get();
            if (u + n > limit) {
                return false;
            }
            if (used.compareAndSet(u, u + n)) {
                return true;
            }
        }
    }

    void give(long n) {
        used.addAndGet(-n);
    }

    long used() {
        return used.get();
    }

    long limit() {
        return limit;
    }

    String exceeded(long wanted) {
        return "response would take the bytes buffered across all checks past " + limit / 1024 + " KiB ("
                + used() / 1024 + " KiB in use, " + wanted / 1024 + " KiB more wanted)";
    }

    /** What one check holds; {@link #release()} gives it all back once, whichever thread calls it. */
    final class Hold {
        private long held;
        private boolean released;

        synchronized boolean grow(long n) {
            if (released || !take(n)) {
                return false;
            }
            held += n;
            return true;
        }

        synchronized void release() {
            if (!released) {
                released = true;
                give(held);
                held = 0;
            }
        }
    }
}
