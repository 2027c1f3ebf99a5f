package lvsd.check.probe;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import lvsd.check.CheckResult;
import lvsd.check.CheckSpec;

/**
 * TCP connect checks on one selector thread: thousands of connects in flight cost one thread. A
 * connect that completes at once (usual on loopback) is judged on the caller's thread with no
 * selector round trip. Cancel closes the channel; the selector drops its key on the next select.
 */
public final class ConnectProbe implements Probe, AutoCloseable {

    private final Selector selector;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private volatile boolean running = true;

    private record Pending(SocketChannel channel, Consumer<CheckResult> done) {}

    public ConnectProbe() {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a selector", e);
        }
        thread = new Thread(this::loop, "lvsd-check-connect");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public Cancel start(CheckSpec spec, long deadlineNanos, Consumer<CheckResult> done) {
        CheckSpec.Connect c = (CheckSpec.Connect) spec;
        SocketChannel ch = null;
        try {
            ch = SocketChannel.open();
            ch.configureBlocking(false);
            // An RST on close leaves no TIME_WAIT behind on either side; the check learnt what it needed.
            ch.setOption(StandardSocketOptions.SO_LINGER, 0);
            if (ch.connect(c.target().socketAddress())) {
                closeQuietly(ch);
                done.accept(CheckResult.Up.PLAIN);
                return Cancel.NONE;
            }
        } catch (IOException | RuntimeException e) {
            closeQuietly(ch);
            done.accept(new CheckResult.Down("connect " + c.target() + ": " + reason(e)));
            return Cancel.NONE;
        }
        SocketChannel channel = ch;
        queue.add(new Pending(channel, done));
        if (wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
        return () -> closeQuietly(channel);
    }

    private void loop() {
        while (running) {
            try {
                selector.select();
                wakeupPending.set(false);
                for (Pending p; (p = queue.poll()) != null; ) {
                    try {
                        p.channel.register(selector, SelectionKey.OP_CONNECT, p.done);
                    } catch (IOException | RuntimeException e) {
                        // already cancelled (closed) by the engine: it has reported the timeout
                        closeQuietly(p.channel);
                    }
                }
                for (SelectionKey k : selector.selectedKeys()) {
                    finish(k);
                }
                selector.selectedKeys().clear();
            } catch (IOException | ClosedSelectorException e) {
                if (!running) {
                    return;
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void finish(SelectionKey k) {
        SocketChannel ch = (SocketChannel) k.channel();
        Consumer<CheckResult> done = (Consumer<CheckResult>) k.attachment();
        CheckResult r;
        try {
            r = ch.finishConnect() ? CheckResult.Up.PLAIN : null;
        } catch (IOException | RuntimeException e) {
            r = new CheckResult.Down("connect: " + reason(e));
        }
        if (r != null) {
            k.cancel();
            closeQuietly(ch);
            done.accept(r);
        }
    }

    static String reason(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    static void closeQuietly(java.io.Closeable c) {
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
