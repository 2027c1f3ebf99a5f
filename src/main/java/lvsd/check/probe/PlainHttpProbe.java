package lvsd.check.probe;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.Optional;
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

    PlainHttpProbe(NioLoop loop, HttpProbe fallback) {
        this.loop = loop;
        this.fallback = fallback;
    }

    @Override
    public Cancel start(CheckSpec spec, long deadlineNanos, Consumer<CheckResult> done) {
        CheckSpec.Http h = (CheckSpec.Http) spec;
        if (h.tls()) {
            return fallback.start(spec, deadlineNanos, done);
        }
        Exchange x = new Exchange(h, deadlineNanos, done);
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
            done.accept(new CheckResult.Down("http " + h.target() + ": " + ConnectProbe.reason(e)));
            return Cancel.NONE;
        }
        loop.register(x.channel, ops, x);
        return x::cancel;
    }

    /** One check's state; touched by the loop thread, except {@link #cancel()}. */
    private final class Exchange implements NioLoop.Handler {
        final CheckSpec.Http spec;
        final long deadline;
        final Consumer<CheckResult> done;
        SocketChannel channel;
        ByteBuffer out;
        byte[] in = new byte[2048];
        int len;
        volatile Cancel delegated;
        volatile boolean cancelled;

        Exchange(CheckSpec.Http spec, long deadline, Consumer<CheckResult> done) {
            this.spec = spec;
            this.deadline = deadline;
            this.done = done;
        }

        void cancel() {
            cancelled = true;
            ConnectProbe.closeQuietly(channel);
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

        private void read(SelectionKey k) throws IOException, HttpWire.HttpWireException {
            boolean eof = false;
            while (true) {
                if (len == in.length) {
                    int cap = HttpWire.HEAD_LIMIT + HttpProbe.BODY_LIMIT;
                    if (len >= cap) {
                        break;
                    }
                    in = Arrays.copyOf(in, Math.min(cap, in.length * 2));
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
            }
            Optional<HttpWire.Response> r = HttpWire.complete(in, len, spec.method().equals("HEAD"), eof);
            if (r.isEmpty()) {
                return;
            }
            HttpWire.Response resp = r.get();
            if (resp.status() >= 300 && resp.status() < 400 && resp.location() != null) {
                k.cancel();
                ConnectProbe.closeQuietly(channel);
                if (!cancelled) {
                    delegated = fallback.start(spec, deadline, done);
                    if (cancelled) {
                        delegated.cancel();
                    }
                }
                return;
            }
            finish(k, HttpVerdict.judge(resp.status(), resp.body(), spec.receive()));
        }

        private void finish(SelectionKey k, CheckResult r) {
            k.cancel();
            ConnectProbe.closeQuietly(channel);
            done.accept(r);
        }
    }
}
