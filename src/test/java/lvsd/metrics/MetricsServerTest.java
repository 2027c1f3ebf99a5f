package lvsd.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The metrics endpoint over loopback with hostile scrapers: connections that send nothing, or half a request and
 * then stall, must neither stall another scrape nor stay open past the request timeout.
 */
class MetricsServerTest {

    private MetricsServer server;
    private final List<Socket> clients = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = MetricsServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                () -> "lvsd_up 1\n");
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket s : clients) {
            s.close();
        }
        server.close();
    }

    private Socket open() throws IOException {
        Socket s = new Socket();
        clients.add(s);
        s.connect(server.address(), 2000);
        return s;
    }

    /** One plain scrape on a fresh connection; the whole response as text. */
    private String scrape() throws IOException {
        try (Socket s = open()) {
            s.setSoTimeout(5000);
            s.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A scraper that sent the start of a request line and then stalls (slowloris). */
    private Socket stalled() throws IOException {
        Socket s = open();
        OutputStream out = s.getOutputStream();
        out.write("GET /metr".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return s;
    }

    @Test
    void aScrapeIsServed() throws IOException {
        String r = scrape();
        assertThat(r).startsWith("HTTP/1.1 200").contains("lvsd_up 1");
    }

    @Test
    void stalledAndIdleScrapersDoNotDelayAnotherScrape() throws IOException {
        for (int i = 0; i < MetricsServer.THREADS - 1; i++) {
            stalled();
        }
        for (int i = 0; i < 20; i++) {
            open(); // connected, sends nothing
        }
        // a scrape must be answered well before the request timeout frees the stalled workers (the bound is
        // generous; a stall would last the whole timeout, or forever without one)
        long t0 = System.nanoTime();
        assertThat(scrape()).startsWith("HTTP/1.1 200");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(MetricsServer.REQUEST_TIMEOUT);
    }

    @Test
    void aFloodOfStalledScrapersDelaysAScrapeByTheRequestTimeoutAtMost() throws IOException {
        for (int i = 0; i < 3 * MetricsServer.THREADS; i++) {
            stalled();
        }
        // every worker is busy: the timeout closes the stalled connections, and scrapes are served again
        await().atMost(MetricsServer.REQUEST_TIMEOUT.multipliedBy(4)).ignoreExceptions()
                .until(() -> scrape().startsWith("HTTP/1.1 200"));
    }

    @Test
    void aStalledRequestIsClosedAfterTheRequestTimeout() throws IOException {
        Socket s = stalled();
        s.setSoTimeout(100);
        InputStream in = s.getInputStream();
        await().atMost(MetricsServer.REQUEST_TIMEOUT.multipliedBy(3)).until(() -> {
            try {
                in.read(); // the server answers nothing to half a request line: only its close ends this
                return true;
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException e) {
                return true; // reset: closed as well
            }
        });
        assertThat(scrape()).startsWith("HTTP/1.1 200");
    }
}
