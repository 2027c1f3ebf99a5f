package lvsd.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks a daemon one thing over its control socket and returns the answer, within a deadline: a wedged daemon
 * makes {@code lvsd status} fail with a message, not hang. Also knows where daemons put their sockets.
 */
public final class ControlClient {
    private ControlClient() {}

    /** Where {@code lvsd run} puts its socket unless told: {@code /run/lvsd/<config file name>.sock}. */
    public static Path defaultSocketFor(Path config) {
        return defaultSocketFor(Path.of("/run"), config);
    }

    /** The same under another run directory (tests). */
    public static Path defaultSocketFor(Path run, Path config) {
        return run.resolve("lvsd").resolve(config.getFileName() + ".sock");
    }

    /**
     * Every socket file daemons may have made: {@code RUN/lvsd/*.sock} (lvsd run's default and lvsd.service)
     * and {@code RUN/lvsd@NAME/*.sock} (lvsd@.service), sorted.
     */
    public static List<Path> socketsUnder(Path run) throws IOException {
        List<Path> out = new ArrayList<>();
        collect(run.resolve("lvsd"), "*.sock", out);
        List<Path> instances = new ArrayList<>();
        collect(run, "lvsd@*", instances);
        for (Path i : instances) {
            collect(i, "*.sock", out);
        }
        out.sort(null);
        return out;
    }

    private static void collect(Path dir, String glob, List<Path> out) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, glob)) {
            s.forEach(out::add);
        }
    }

    /**
     * Sends {@code command} to the daemon on {@code socket} and returns its response text.
     *
     * @throws IOException when no daemon answers there (refused, no such file), or none answered in time
     */
    public static String ask(Path socket, ControlProtocol.Command command, Duration deadline) throws IOException {
        long end = System.nanoTime() + deadline.toNanos();
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
                Selector selector = Selector.open()) {
            ch.connect(UnixDomainSocketAddress.of(socket)); // a local connect completes or fails at once
            ch.configureBlocking(false);
            ByteBuffer out = ByteBuffer.wrap(ControlProtocol.request(command).getBytes(StandardCharsets.UTF_8));
            SelectionKey key = ch.register(selector, SelectionKey.OP_WRITE);
            ByteArrayOutputStream in = new ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
            while (true) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    throw new IOException("the daemon on " + socket + " did not answer \"" + command.word()
                            + "\" within " + deadline.toMillis() + " ms");
                }
                selector.select(Math.max(1, left / 1_000_000));
                selector.selectedKeys().clear();
                if (out.hasRemaining()) {
                    ch.write(out);
                    if (!out.hasRemaining()) {
                        key.interestOps(SelectionKey.OP_READ);
                    }
                    continue;
                }
                int n;
                while ((n = ch.read(buf)) > 0) {
                    in.write(buf.array(), 0, buf.position());
                    buf.clear();
                }
                if (n < 0) {
                    return in.toString(StandardCharsets.UTF_8);
                }
            }
        }
    }
}
