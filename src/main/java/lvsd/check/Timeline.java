package lvsd.check;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A pure min-heap of timed items (check runs and deadlines). Items due at the same instant come out
 * in insertion order. Not thread-safe: the engine's timer thread owns it.
 */
public final class Timeline<T> {

    private record Slot<T>(long due, long seq, T item) {}

    private final PriorityQueue<Slot<T>> heap = new PriorityQueue<>((a, b) -> {
        int c = Long.compare(a.due - b.due, 0); // overflow-safe comparison of nanoTime values
        return c != 0 ? c : Long.compare(a.seq, b.seq);
    });
    private long seq;

    public void add(long due, T item) {
        heap.add(new Slot<>(due, seq++, item));
    }

    public int size() {
        return heap.size();
    }

    /** Nanoseconds from {@code now} until the first item is due (0 if overdue), or -1 when empty. */
    public long waitNanos(long now) {
        Slot<T> s = heap.peek();
        return s == null ? -1 : Math.max(0, s.due - now);
    }

    /** Removes and returns every item due at or before {@code now}, earliest first. */
    public List<T> pollDue(long now) {
        List<T> out = new ArrayList<>();
        while (!heap.isEmpty() && heap.peek().due - now <= 0) {
            out.add(heap.poll().item);
        }
        return out;
    }

    /** Removes and returns every item, earliest first (used at shutdown). */
    public List<T> drain() {
        List<T> out = new ArrayList<>();
        while (!heap.isEmpty()) {
            out.add(heap.poll().item);
        }
        return out;
    }

    /**
     * The first run of a check is spread over one interval by a hash of its identity, so thousands of
     * checks registered at once do not fire together, and a check keeps its phase across reloads.
     */
    public static long spreadOffset(Object identity, long intervalNanos) {
        long h = identity.hashCode() * 0x9E3779B97F4A7C15L; // Fibonacci hashing mixes the low bits up
        h ^= h >>> 29;
        return Math.floorMod(h, intervalNanos);
    }
}
