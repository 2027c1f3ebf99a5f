package lvsd.check.probe;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;
import lvsd.check.CheckResult;
import lvsd.check.CheckSpec;
import lvsd.check.Probe;

/**
 * TCP connect checks on the shared selector thread: thousands of connects in flight cost one thread. A
 * connect that completes at once (usual on loopback) is judged on the caller's thread with no selector
 * round trip. Cancel closes the channel; the selector drops its key on the next select.
 */
public final class ConnectProbe implements Probe {

    private final NioLoop loop;

    ConnectProbe(NioLoop loop) {
        this.loop = loop;
    }

    @Override
    public Cancel start(CheckSpec spec, long deadlineNanos, Consumer<CheckResult> done) {
        CheckSpec.Connect c = (CheckSpec.Connect) spec;
        SocketChannel ch = null;
        try {
            ch = open();
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
        loop.register(channel, SelectionKey.OP_CONNECT, k -> {
            CheckResult r;
            try {
                if (!channel.finishConnect()) {
                    return;
                }
                r = CheckResult.Up.PLAIN;
            } catch (IOException | RuntimeException e) {
                r = new CheckResult.Down("connect " + c.target() + ": " + reason(e));
            }
            k.cancel();
            closeQuietly(channel);
            done.accept(r);
        });
        return () -> closeQuietly(channel);
    }

    /** A non-blocking socket whose close sends RST: no TIME_WAIT on either side; the check learnt enough. */
    static SocketChannel open() throws IOException {
        SocketChannel ch = SocketChannel.open();
        ch.configureBlocking(false);
        ch.setOption(StandardSocketOptions.SO_LINGER, 0);
        return ch;
    }

    static String reason(Exception e) {
        return NioLoop.reason(e);
    }

    static void closeQuietly(java.io.Closeable c) {
        NioLoop.closeQuietly(c);
    }
}
