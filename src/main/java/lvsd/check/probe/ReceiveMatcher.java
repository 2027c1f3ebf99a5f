package lvsd.check.probe;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import lvsd.check.CheckResult;
import lvsd.check.CheckSpec;
import lvsd.check.Probe;
import lvsd.check.proto.Receive;
import lvsd.clock.Ticker;

/**
 * Runs receive= regexes off the I/O threads, on a few threads of their own with a bounded queue. A match
 * runs under its check's deadline (stopping a little before it, so the check fails with this reason and not
 * a bare timeout) and over at most {@link #TEXT_LIMIT} characters: a pattern that backtracks catastrophically
 * costs one matcher thread until that deadline, never the selector or the other checks' I/O.
 */
public final class ReceiveMatcher implements AutoCloseable {

    /** The body prefix a receive= regex sees (ldirectord matches the whole page; health pages are small). */
    public static final int TEXT_LIMIT = 64 * 1024;
    public static final String TIMED_OUT = "receive= match timed out";

    private final Ticker ticker;
    private final ThreadPoolExecutor pool;
    private final AtomicInteger rejected = new AtomicInteger();

    public ReceiveMatcher(Ticker ticker, int threads, int queue) {
        this.ticker = ticker;
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue), r -> {
            Thread t = new Thread(r, "lvsd-check-match-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.AbortPolicy());
    }

    /** The end of a match's budget: a margin before the check's deadline, so the verdict wins the race. */
    static long matchDeadline(long checkDeadline, long now) {
        long left = checkDeadline - now;
        return checkDeadline - Math.min(100_000_000L, Math.max(0, left / 10));
    }

    /**
     * Judges a response: not 2xx or no receive= is decided at once, on the caller's thread; a regex is queued.
     * {@code done} is called at most once; the returned Cancel stops a queued or running match.
     */
    public Probe.Cancel judge(int status, String body, CheckSpec.Http spec, long deadlineNanos,
            Consumer<CheckResult> done) {
        if (status < 200 || status > 299 || spec.receive().isEmpty()) {
            done.accept(HttpVerdict.judge(status, "", ""));
            return Probe.Cancel.NONE;
        }
        String text = body.length() > TEXT_LIMIT ? body.substring(0, TEXT_LIMIT) : body;
        long until = matchDeadline(deadlineNanos, ticker.nanos());
        AtomicBoolean cancelled = new AtomicBoolean();
        Thread[] runner = new Thread[1];
        Runnable task = () -> {
            synchronized (runner) {
                if (cancelled.get()) {
                    return;
                }
                runner[0] = Thread.currentThread();
            }
            CheckResult r;
            try {
                r = ticker.nanos() - until >= 0 ? new CheckResult.Down(TIMED_OUT + " (still queued)")
                        : Receive.find(spec.receive(), text, ticker, until) ? CheckResult.Up.PLAIN
                        : new CheckResult.Down("HTTP " + status + " but body does not match /" + spec.receive() + "/");
            } catch (Receive.Deadline.Expired e) {
                r = new CheckResult.Down(TIMED_OUT + " (" + text.length() + " characters)");
            } catch (StackOverflowError e) {
                r = new CheckResult.Down("receive= match overflowed the stack (" + text.length() + " characters)");
            } finally {
                synchronized (runner) {
                    runner[0] = null;
                    Thread.interrupted(); // a cancel's interrupt must not reach the next task
                }
            }
            if (!cancelled.get()) {
                done.accept(r);
            }
        };
        try {
            pool.execute(task);
        } catch (RejectedExecutionException e) {
            rejected.incrementAndGet();
            done.accept(new CheckResult.Down("receive= matcher busy: " + pool.getQueue().size() + " matches queued"));
            return Probe.Cancel.NONE;
        }
        return () -> {
            cancelled.set(true);
            pool.remove(task);
            synchronized (runner) {
                if (runner[0] != null) {
                    runner[0].interrupt();
                }
            }
        };
    }

    /** Matches refused because the queue was full, since start. */
    public int rejected() {
        return rejected.get();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
