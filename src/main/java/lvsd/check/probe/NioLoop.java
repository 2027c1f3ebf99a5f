package lvsd.check.probe;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import lvsd.clock.Heartbeat;
import lvsd.clock.Ticker;

/**
 * One selector thread driving the non-blocking TCP checks (connect, plain HTTP). Handlers run on this
 * thread and must never block. Registration from other threads is queued and costs one wakeup per batch.
 * Anything that escapes the loop (an Error, a bug outside a handler) ends the thread and is reported to
 * {@code onDeath}: with the selector gone every check would time out, so the owner must rebuild the probes.
 */
final class NioLoop implements AutoCloseable {

    /** Called on the loop thread when the key is ready for its interest ops. */
    interface Handler {
        void ready(SelectionKey key);
    }

    private record Pending(SelectableChannel channel, int ops, Handler handler) {}

    private final Selector selector;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private volatile boolean running = true;
    private final Heartbeat heartbeat;
    private final Consumer<Throwable> onDeath;

    NioLoop(String name) {
        this(name, Ticker.SYSTEM, t -> {});
    }

    NioLoop(String name, Ticker ticker, Consumer<Throwable> onDeath) {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a selector", e);
        }
        this.onDeath = onDeath;
        this.heartbeat = new Heartbeat(name, ticker, selector::wakeup);
        thread = new Thread(this::supervisedLoop, name);
        thread.setDaemon(true);
        thread.start();
    }

    void register(SelectableChannel ch, int ops, Handler h) {
        queue.add(new Pending(ch, ops, h));
        if (wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    Heartbeat heartbeat() {
        return heartbeat;
    }

    private void supervisedLoop() {
        try {
            loop();
        } catch (Throwable t) {
            if (running) {
                running = false;
                onDeath.accept(t);
            }
        }
    }

    private void loop() {
        while (running) {
            heartbeat.beat();
            try {
                selector.select(1000); // at least one turn a second keeps the heartbeat fresh
                wakeupPending.set(false);
                for (Pending p; (p = queue.poll()) != null; ) {
                    try {
                        p.channel.register(selector, p.ops, p.handler);
                    } catch (IOException | RuntimeException e) {
                        // already cancelled (closed) by the engine, which has reported the timeout
                        closeQuietly(p.channel);
                    }
                }
                for (SelectionKey k : selector.selectedKeys()) {
                    try {
                        ((Handler) k.attachment()).ready(k);
                    } catch (RuntimeException e) {
                        k.cancel(); // a handler bug must not stop the loop; the deadline reports the check
                        closeQuietly(k.channel());
                    }
                }
                selector.selectedKeys().clear();
            } catch (IOException | ClosedSelectorException e) {
                if (!running) {
                    return;
                }
            }
        }
    }

    static String reason(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    static void closeQuietly(Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // nothing more to free
            }
        }
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            thread.join(2000);
            selector.close();
        } catch (IOException | InterruptedException ignored) {
            // shutting down
        }
    }
}
