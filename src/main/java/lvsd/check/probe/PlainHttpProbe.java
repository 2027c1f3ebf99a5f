package lvsd.check.probe;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.function.Consumer;
import lvsd.check.CheckResult;
import lvsd.check.CheckSpec;
import lvsd.check.Probe;

/**
 * Plain-HTTP checks spoken directly on the shared selector thread: connect, one request, read the answer
 * (capped), judge. This is the high-volume path; it costs a few allocations per check, where a general
 * client's exchange machinery costs many. A redirect is handed to the httpclient5 probe (which follows it,
 * as ldirectord's LWP does) within the same deadline; https always goes there.
 */
public final class PlainHttpProbe implements Probe {

    private final NioLoop loop;
    private final HttpProbe fallback;
    private final ReceiveMatcher matcher;
    private final ByteBudget budget;

    PlainHttpProbe(NioLoop loop, HttpProbe fallback, ReceiveMatcher matcher, ByteBudget budget) {
        this.loop = loop;
        this.fallback = fallback;
        this.matcher = matcher;
        this.budget = budget;
    }

    @Override
    public Cancel start(CheckSpec spec, long deadlineNanos, Consumer<CheckResult> done) {
        CheckSpec.Http h = (CheckSpec.Http) spec;
        if (h.tls()) {
            return fallback.start(spec, deadlineNanos, done);
        }
        Exchange x = new Exchange(h, deadlineNanos, done);
        if (!x.hold.grow(x.in.length)) {
            done.accept(new CheckResult.Down("http " + h.target() + ": " + budget.exceeded(x.in.length)));
            return Cancel.NONE;
        }
        int ops = SelectionKey.OP_CONNECT;
        try {
            x.channel = ConnectProbe.open();
            if (x.channel.connect(h.target().socketAddress())) {
                // connected at once: a key never reports OP_CONNECT for a channel that is not pending
                x.out = ByteBuffer.wrap(HttpWire.request(h));
                ops = SelectionKey.OP_WRITE;
            }
        } catch (IOException | RuntimeException e) {
            ConnectProbe.closeQuietly(x.channel);
            x.hold.release();
            done.accept(new CheckResult.Down("http " + h.target() + ": " + ConnectProbe.reason(e)));
            return Cancel.NONE;
        }
        loop.register(x.channel, ops, x);
        return x::cancel;
    }

    /**
     * One check's state; touched by the loop thread, except {@link #cancel()}. The headers are searched
     * incrementally and parsed once; the body is read only when a receive= regex needs it, and then only
     * its first {@link ReceiveMatcher#TEXT_LIMIT} bytes. The regex runs on the matcher, never here.
     */
    private final class Exchange implements NioLoop.Handler {
        final CheckSpec.Http spec;
        final long deadline;
        final Consumer<CheckResult> done;
        final ByteBudget.Hold hold = budget.new Hold();
        SocketChannel channel;
        ByteBuffer out;
        byte[] in = new byte[2048];
        int len;
        int searchFrom; // the headers' end is not in in[0..searchFrom + 3)
        HttpWire.Head head;
        volatile Cancel delegated;
        volatile boolean cancelled;

        Exchange(CheckSpec.Http spec, long deadline, Consumer<CheckResult> done) {
            this.spec = spec;
            this.deadline = deadline;
            this.done = r -> {
                hold.release();
                done.accept(r);
            };
        }

        void cancel() {
            cancelled = true;
            ConnectProbe.closeQuietly(channel);
            hold.release();
            Cancel d = delegated;
            if (d != null) {
                d.cancel();
            }
        }

        @Override
        public void ready(SelectionKey k) {
            try {
                if (k.isConnectable()) {
                    if (!channel.finishConnect()) {
                        return;
                    }
                    out = ByteBuffer.wrap(HttpWire.request(spec));
                    k.interestOps(SelectionKey.OP_WRITE);
                }
                if (k.isValid() && (k.interestOps() & SelectionKey.OP_WRITE) != 0) {
                    channel.write(out);
                    if (!out.hasRemaining()) {
                        k.interestOps(SelectionKey.OP_READ);
                    }
                    return;
                }
                if (k.isReadable()) {
                    read(k);
                }
            } catch (IOException e) {
                finish(k, new CheckResult.Down("http " + spec.target() + ": " + ConnectProbe.reason(e)));
            } catch (HttpWire.HttpWireException e) {
                finish(k, new CheckResult.Down("http " + spec.target() + ": " + e.getMessage()));
            }
        }

        /** How many bytes this exchange may hold: the headers, then (for receive=) the body prefix. */
        private int cap() {
            return head == null ? HttpWire.HEAD_LIMIT : head.bodyStart() + ReceiveMatcher.TEXT_LIMIT;
        }

        private void read(SelectionKey k) throws IOException, HttpWire.HttpWireException {
            boolean eof = false;
            while (true) {
                if (len == in.length) {
                    int cap = cap();
                    if (len >= cap) {
                        break;
                    }
                    int grown = Math.min(cap, in.length * 2);
                    if (!hold.grow(grown - in.length)) {
                        finish(k, new CheckResult.Down("http " + spec.target() + ": " + budget.exceeded(grown - in.length)));
                        return;
                    }
                    in = Arrays.copyOf(in, grown);
                }
                int n = channel.read(ByteBuffer.wrap(in, len, in.length - len));
                if (n < 0) {
                    eof = true;
                    break;
                }
                if (n == 0) {
                    break;
                }
                len += n;
                if (head == null && headEnded(eof)) {
                    if (decidedByHead(k)) {
                        return;
                    }
                }
            }
            if (head == null && !headEnded(eof)) {
                return;
            }
            if (head == null || decidedByHead(k)) {
                return;
            }
            boolean isHead = spec.method().equals("HEAD");
            if (!HttpWire.bodyDone(head, isHead, in, len, eof, ReceiveMatcher.TEXT_LIMIT)) {
                return;
            }
            String body = HttpWire.body(head, isHead, in, len, ReceiveMatcher.TEXT_LIMIT);
            k.cancel();
            ConnectProbe.closeQuietly(channel);
            in = null; // the text is all the matcher needs
            if (!cancelled) {
                delegated = matcher.judge(head.status(), body, spec, deadline, done);
                if (cancelled) {
                    delegated.cancel();
                }
            }
        }

        /** Searches the bytes not searched yet; parses the headers once they are complete. */
        private boolean headEnded(boolean eof) throws HttpWire.HttpWireException {
            int end = HttpWire.headersEnd(in, searchFrom, len);
            if (end < 0) {
                searchFrom = HttpWire.resumeAt(len);
                HttpWire.incompleteHead(len, eof);
                return false;
            }
            head = HttpWire.head(in, end);
            return true;
        }

        /**
         * True when the headers alone settle the check (a redirect, a status that fails, no receive= to
         * match): then the body is never read. (A response without a body, e.g. to HEAD, is matched as "",
         * as ldirectord does.)
         */
        private boolean decidedByHead(SelectionKey k) {
            if (!k.isValid()) {
                return true; // already handed on or finished
            }
            int status = head.status();
            if (status >= 300 && status < 400 && head.location() != null) {
                k.cancel();
                ConnectProbe.closeQuietly(channel);
                hold.release();
                if (!cancelled) {
                    delegated = fallback.start(spec, deadline, done);
                    if (cancelled) {
                        delegated.cancel();
                    }
                }
                return true;
            }
            if (status < 200 || status > 299 || spec.receive().isEmpty()) {
                finish(k, HttpVerdict.judge(status, "", ""));
                return true;
            }
            return false;
        }

        private void finish(SelectionKey k, CheckResult r) {
            k.cancel();
            ConnectProbe.closeQuietly(channel);
            done.accept(r);
        }
    }
}
