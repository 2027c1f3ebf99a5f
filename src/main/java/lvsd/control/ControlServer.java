package lvsd.control;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * The daemon's control socket: a Unix stream socket in a directory only root may enter (0700), the socket
 * itself 0600, and the peer's credentials checked at accept (SO_PEERCRED), so a socket made reachable by
 * mistake still answers only root and the daemon's own user.
 *
 * <p>One thread and one selector serve every connection without blocking: a client that connects and says
 * nothing, or never reads its answer, is closed at its deadline and delays no one. A reload is answered when
 * the event loop has its outcome (the handler's future), without holding the thread.
 */
public final class ControlServer implements AutoCloseable {

    /** Answers one request; the future completes (on any thread) with the full response text. */
    @FunctionalInterface
    public interface Handler {
        CompletableFuture<String> handle(ControlProtocol.Command command);
    }

    /** Counters for the status view and metrics. */
    public record Stats(long served, long refused, long malformed, long timedOut) {}

    /** A connection must send its request within this, and take its answer within this of it being ready. */
    static final long IO_DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** A reload's answer can take the settle read plus a parse deadline; a connection waits this long. */
    static final long ANSWER_DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(60);
    /** More open connections than this and new ones are refused at once. */
    static final int MAX_CONNECTIONS = 64;

    private final Path path;
    private final ServerSocketChannel server;
    private final Selector selector;
    private final Handler handler;
    private final Predicate<UnixDomainPrincipal> allowed;
    private final Consumer<String> warn;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Runnable> onThread = new ConcurrentLinkedQueue<>();
    private final AtomicLong served = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong timedOut = new AtomicLong();
    private volatile boolean closed;

    private ControlServer(Path path, ServerSocketChannel server, Selector selector, Handler handler,
            Predicate<UnixDomainPrincipal> allowed, Consumer<String> warn, Consumer<Throwable> onDeath) {
        this.path = path;
        this.server = server;
        this.selector = selector;
        this.handler = handler;
        this.allowed = allowed;
        this.warn = warn;
        this.thread = new Thread(() -> {
            try {
                serve();
            } catch (Throwable t) { // report any death, as every long-lived thread of the daemon does
                if (!closed) {
                    onDeath.accept(t);
                }
            }
        }, "lvsd-control");
        thread.setDaemon(true);
    }

    /**
     * Binds {@code path} and starts serving. The directory is made 0700 if it does not exist; a socket file
     * left by a dead daemon is replaced, one a live daemon answers on is not (IOException).
     *
     * @param allowed which peers get an answer (see {@link #rootOrSelf()})
     * @param onDeath called on the control thread if it fails
     */
    public static ControlServer start(Path path, Handler handler, Predicate<UnixDomainPrincipal> allowed,
            Consumer<String> warn, Consumer<Throwable> onDeath) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        if (Files.exists(path)) {
            if (answers(path)) {
                throw new IOException("another daemon answers on " + path);
            }
            Files.delete(path);
        }
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        Selector selector = null;
        try {
            server.bind(UnixDomainSocketAddress.of(path));
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
            server.configureBlocking(false);
            selector = Selector.open();
            server.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException | RuntimeException e) {
            server.close();
            if (selector != null) {
                selector.close();
            }
            Files.deleteIfExists(path);
            throw e;
        }
        ControlServer s = new ControlServer(path, server, selector, handler, allowed, warn, onDeath);
        s.thread.start();
        return s;
    }

    /** Root, and the user the daemon runs as. */
    public static Predicate<UnixDomainPrincipal> rootOrSelf() {
        String self = System.getProperty("user.name");
        return p -> p.user().getName().equals("root") || p.user().getName().equals(self);
    }

    private static boolean answers(Path path) {
        try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
            return true;
        } catch (IOException e) {
            return false; // refused: nobody listens, the file is stale
        }
    }

    public Path path() {
        return path;
    }

    public Stats stats() {
        return new Stats(served.get(), refused.get(), malformed.get(), timedOut.get());
    }

    /** The control thread's liveness, for tests. */
    boolean serving() {
        return thread.isAlive();
    }

    /** One connection's progress: reading its request, waiting for the answer, writing it. */
    private final class Conn {
        final SocketChannel channel;
        final SelectionKey key;
        final ByteBuffer in = ByteBuffer.allocate(ControlProtocol.MAX_REQUEST_BYTES);
        /** Why this peer gets no answer but an error ("" = it is served). */
        final String refusal;
        ByteBuffer out;
        long deadline;
        /** The answer is out: read and drop what the peer still sends until it closes (no reset on close). */
        boolean draining;

        Conn(SocketChannel channel, SelectionKey key, String refusal) {
            this.channel = channel;
            this.key = key;
            this.refusal = refusal;
            this.deadline = System.nanoTime() + IO_DEADLINE_NANOS;
        }

        void readable() throws IOException {
            if (draining) {
                in.clear();
                if (channel.read(in) < 0) {
                    close();
                }
                return;
            }
            int n = channel.read(in);
            int newline = indexOfNewline();
            if (newline < 0 && n >= 0 && in.hasRemaining()) {
                return; // more to come
            }
            key.interestOps(0);
            if (!refusal.isEmpty()) {
                answer(ControlProtocol.error(refusal));
                return;
            }
            if (newline < 0 && n >= 0) {
                malformed.incrementAndGet();
                answer(ControlProtocol.error("request longer than " + ControlProtocol.MAX_REQUEST_BYTES + " bytes"));
                return;
            }
            String line = new String(in.array(), 0, newline < 0 ? in.position() : newline, StandardCharsets.UTF_8);
            ControlProtocol.Command command;
            try {
                command = ControlProtocol.parseRequest(line);
            } catch (IllegalArgumentException e) {
                malformed.incrementAndGet();
                answer(ControlProtocol.error(e.getMessage()));
                return;
            }
            deadline = System.nanoTime() + ANSWER_DEADLINE_NANOS;
            CompletableFuture<String> f;
            try {
                f = handler.handle(command);
            } catch (RuntimeException e) {
                f = CompletableFuture.failedFuture(e);
            }
            f.whenComplete((text, failure) -> later(() -> answer(failure == null ? text
                    : ControlProtocol.error(command.word() + " failed: " + failure))));
        }

        private int indexOfNewline() {
            for (int i = 0; i < in.position(); i++) {
                if (in.get(i) == '\n') {
                    return i;
                }
            }
            return -1;
        }

        void answer(String text) {
            if (!channel.isOpen()) {
                return;
            }
            out = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            deadline = System.nanoTime() + IO_DEADLINE_NANOS;
            key.interestOps(SelectionKey.OP_WRITE);
            try {
                writable();
            } catch (IOException e) {
                close();
            }
        }

        void writable() throws IOException {
            channel.write(out);
            if (!out.hasRemaining()) {
                if (refusal.isEmpty()) {
                    served.incrementAndGet();
                }
                // closing with the peer's bytes unread would reset the connection before it read the answer
                channel.shutdownOutput();
                draining = true;
                deadline = System.nanoTime() + IO_DEADLINE_NANOS;
                key.interestOps(SelectionKey.OP_READ);
            }
        }

        void close() {
            key.cancel();
            try {
                channel.close();
            } catch (IOException e) {
                // closing a Unix socket does not fail in a way that matters here
            }
        }
    }

    /** Runs {@code r} on the control thread. */
    private void later(Runnable r) {
        onThread.add(r);
        selector.wakeup();
    }

    private void serve() throws IOException {
        while (!closed) {
            try {
                selector.select(1000);
            } catch (ClosedSelectorException e) {
                return;
            }
            for (Runnable r = onThread.poll(); r != null; r = onThread.poll()) {
                r.run();
            }
            Iterator<SelectionKey> it = selector.selectedKeys().iterator();
            while (it.hasNext()) {
                SelectionKey k = it.next();
                it.remove();
                if (!k.isValid()) {
                    continue;
                }
                if (k.isAcceptable()) {
                    accept();
                } else if (k.attachment() instanceof Conn c) {
                    try {
                        if (k.isReadable()) {
                            c.readable();
                        } else if (k.isWritable()) {
                            c.writable();
                        }
                    } catch (IOException e) {
                        c.close(); // the client went away
                    }
                }
            }
            expire();
        }
    }

    private void accept() throws IOException {
        SocketChannel ch = server.accept();
        if (ch == null) {
            return;
        }
        if (selector.keys().size() > 2 * MAX_CONNECTIONS) {
            refused.incrementAndGet(); // a flood: not even an answer
            ch.close();
            return;
        }
        UnixDomainPrincipal peer;
        try {
            peer = ch.getOption(ExtendedSocketOptions.SO_PEERCRED);
        } catch (IOException | UnsupportedOperationException e) {
            peer = null;
        }
        String refusal = "";
        if (peer == null || !allowed.test(peer)) {
            refused.incrementAndGet();
            String who = peer == null ? "unknown" : peer.user().getName();
            warn.accept("control socket " + path + ": refused a connection from user " + who
                    + " (only root and the daemon's user may use it)");
            refusal = "refused: user " + who + " may not use lvsd's control socket";
        } else if (selector.keys().size() > MAX_CONNECTIONS) {
            refused.incrementAndGet();
            refusal = "busy: more than " + MAX_CONNECTIONS + " open control connections";
        }
        ch.configureBlocking(false);
        SelectionKey key = ch.register(selector, SelectionKey.OP_READ);
        key.attach(new Conn(ch, key, refusal));
    }

    private void expire() {
        long now = System.nanoTime();
        for (SelectionKey k : selector.keys()) {
            if (k.attachment() instanceof Conn c && now - c.deadline > 0) {
                if (!c.draining) {
                    timedOut.incrementAndGet();
                }
                c.close();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            selector.close();
        } catch (IOException e) {
            // closing
        }
        try {
            server.close();
        } catch (IOException e) {
            // closing
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(2));
            Files.deleteIfExists(path);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            warn.accept("cannot remove the control socket " + path + ": " + e.getMessage());
        }
    }
}
