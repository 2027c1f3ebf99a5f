package lvsd.metrics;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Serves {@code GET /metrics} from the JDK's built-in HTTP server. The text comes from a supplier
 * ({@link DaemonMetrics#scrape}: the Prometheus client's registry and text writer over the latest status
 * snapshot), so a scrape never waits for the daemon's event loop. The client's exporter-httpserver is the same
 * JDK server with its own default pool and handlers; keeping this class keeps the pool, its bounded queue and
 * the request deadline below in one place that MetricsServerTest proves, without the exporter's dependencies.
 *
 * <p>Hostile or broken scrapers: the JDK server reads a request on the thread of its executor, and without one
 * on its only dispatcher thread, so a client that sends half a request line and stalls would hold every other
 * scrape. Requests run on a small pool of their own ({@link #THREADS}; beyond it requests wait in a short queue,
 * and beyond that the connection is refused), and a request that has not been read and answered within
 * {@link #REQUEST_TIMEOUT} has its connection closed (the JDK server's {@code sun.net.httpserver.maxReqTime} and
 * {@code maxRspTime}, set here unless the operator set them), so even a flood of stalled clients delays a scrape
 * by that long at most. A connection that sends nothing holds no thread.
 */
public final class MetricsServer implements AutoCloseable {

    /** Threads reading and answering requests: this many stalled clients at once delay a scrape. */
    static final int THREADS = 4;

    /** A request not read and answered within this long has its connection closed. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    static {
        // read once, when the JDK server's configuration class loads: before the first server is created
        System.setProperty("sun.net.httpserver.maxReqTime", System.getProperty("sun.net.httpserver.maxReqTime",
                String.valueOf(REQUEST_TIMEOUT.toSeconds())));
        System.setProperty("sun.net.httpserver.maxRspTime", System.getProperty("sun.net.httpserver.maxRspTime",
                String.valueOf(REQUEST_TIMEOUT.toSeconds())));
    }

    private final HttpServer server;
    private final ThreadPoolExecutor workers;

    private MetricsServer(HttpServer server, ThreadPoolExecutor workers) {
        this.server = server;
        this.workers = workers;
    }

    public static MetricsServer start(InetSocketAddress address, Supplier<String> exposition) throws IOException {
        HttpServer server = HttpServer.create(address, 16);
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor workers = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(16), r -> {
                    Thread t = new Thread(r, "lvsd-metrics-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy()); // the server closes a connection it cannot hand over
        server.setExecutor(workers);
        server.createContext("/metrics", exchange -> {
            try (exchange) {
                if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                    exchange.sendResponseHeaders(405, -1);
                    return;
                }
                byte[] body = exposition.get().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
                boolean head = "HEAD".equals(exchange.getRequestMethod());
                exchange.sendResponseHeaders(200, head ? -1 : body.length);
                if (!head) {
                    try (OutputStream os = exchange.getResponseBody()) {
                        os.write(body);
                    }
                }
            }
        });
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.sendResponseHeaders(404, -1);
            }
        });
        server.start();
        return new MetricsServer(server, workers);
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
