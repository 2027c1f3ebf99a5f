package lvsd.check;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.net.ssl.SSLServerSocketFactory;

/**
 * Misbehaving real servers on 127.0.0.1 for the engine tests: each accepts connections on its own
 * thread and runs a handler per connection. Everything is closed by {@link #close()}.
 */
final class LoopbackServers implements Closeable {
    static final InetAddress LO = InetAddress.getLoopbackAddress();

    private final List<Closeable> open = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    interface Handler {
        void handle(Socket s) throws IOException, InterruptedException;
    }

    Target serve(Handler h) throws IOException {
        return serve(new ServerSocket(0, 200, LO), h);
    }

    /** As {@link #serve(Handler)} on another local address (127.0.0.2 is another host to an HTTP client). */
    Target serve(InetAddress address, Handler h) throws IOException {
        ServerSocket ss = new ServerSocket(0, 200, address);
        serve(ss, h);
        return new Target(address, ss.getLocalPort());
    }

    Target serveTls(SSLServerSocketFactory f, Handler h) throws IOException {
        return serve(f.createServerSocket(0, 200, LO), h);
    }

    private Target serve(ServerSocket ss, Handler h) {
        open.add(ss);
        Thread t = new Thread(() -> {
            while (!ss.isClosed()) {
                try {
                    Socket s = ss.accept();
                    open.add(s);
                    Thread c = new Thread(() -> {
                        try {
                            h.handle(s);
                        } catch (IOException | InterruptedException ignored) {
                            // the client went away or we are closing
                        }
                    });
                    c.setDaemon(true);
                    c.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        threads.add(t);
        return new Target(LO, ss.getLocalPort());
    }

    /** A port nothing listens on: bound once, then closed, so the kernel answers RST. */
    static Target refused() throws IOException {
        try (ServerSocket ss = new ServerSocket(0, 1, LO)) {
            return new Target(LO, ss.getLocalPort());
        }
    }

    /** Accepts and then never says anything, keeping the connection open. */
    static final Handler SILENT = s -> Thread.sleep(600_000);

    /** Answers an HTTP request with the given status and body, then closes. */
    static Handler http(int status, String body) {
        return s -> {
            readRequestHead(s.getInputStream());
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            OutputStream out = s.getOutputStream();
            out.write(("HTTP/1.1 " + status + " X\r\nContent-Type: text/plain\r\nContent-Length: " + b.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(b);
            out.flush();
            s.close();
        };
    }

    /** Sends {@code text} one byte per second after reading the request head (if {@code readFirst}). */
    static Handler trickle(String text, boolean readFirst) {
        return s -> {
            if (readFirst) {
                readRequestHead(s.getInputStream());
            }
            OutputStream out = s.getOutputStream();
            for (byte x : text.getBytes(StandardCharsets.US_ASCII)) {
                out.write(x);
                out.flush();
                Thread.sleep(1000);
            }
            Thread.sleep(600_000);
        };
    }

    /** Writes {@code lines} (each followed by CRLF) and then answers every line read with {@code each}. */
    static Handler lines(String greeting, Consumer<LineReply> each) {
        return s -> {
            OutputStream out = s.getOutputStream();
            if (greeting != null) {
                out.write((greeting + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            InputStream in = s.getInputStream();
            StringBuilder sb = new StringBuilder();
            for (int c; (c = in.read()) >= 0; ) {
                if (c == '\n') {
                    String line = sb.toString().replace("\r", "");
                    sb.setLength(0);
                    LineReply r = new LineReply(line);
                    each.accept(r);
                    if (r.reply != null) {
                        out.write((r.reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    }
                    if (r.close) {
                        s.close();
                        return;
                    }
                } else {
                    sb.append((char) c);
                }
            }
        };
    }

    static final class LineReply {
        final String line;
        String reply;
        boolean close;

        LineReply(String line) {
            this.line = line;
        }
    }

    static void readRequestHead(InputStream in) throws IOException {
        int state = 0;
        for (int c; (c = in.read()) >= 0; ) {
            state = (c == '\r' || c == '\n') ? state + 1 : 0;
            if (state == 4) {
                return;
            }
        }
    }

    @Override
    public void close() {
        for (Closeable c : open) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        for (Thread t : threads) {
            t.interrupt();
        }
    }
}
