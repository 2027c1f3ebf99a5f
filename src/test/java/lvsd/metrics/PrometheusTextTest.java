package lvsd.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    @Test
    void familiesAreDeclaredOnceAndSamplesCarryEscapedLabels() {
        PrometheusText t = new PrometheusText();
        t.family("lvsd_x_total", PrometheusText.Type.COUNTER, "Things.\nCounted.");
        t.sample("lvsd_x_total", 3, "virtual", "tcp:10.0.0.1:80", "why", "a \"quoted\" \\ word\n");
        t.family("lvsd_x_total", PrometheusText.Type.COUNTER, "ignored");
        t.sample("lvsd_x_total", 0.5);
        assertThat(t.toString()).isEqualTo("""
                # HELP lvsd_x_total Things.\\nCounted.
                # TYPE lvsd_x_total counter
                lvsd_x_total{virtual="tcp:10.0.0.1:80",why="a \\"quoted\\" \\\\ word\\n"} 3
                lvsd_x_total 0.5
                """);
    }

    @Test
    void badNamesAreRefused() {
        assertThatThrownBy(() -> new PrometheusText().family("1bad", PrometheusText.Type.GAUGE, "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PrometheusText().sample("ok", 1, "bad-label", "v"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void specialValues() {
        assertThat(PrometheusText.format(Double.NaN)).isEqualTo("NaN");
        assertThat(PrometheusText.format(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
        assertThat(PrometheusText.format(12345678901L)).isEqualTo("12345678901");
    }

    @Test
    void theServerAnswersGetMetricsOnLoopback() throws Exception {
        try (MetricsServer s = MetricsServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                () -> "lvsd_up 1\n")) {
            HttpClient c = HttpClient.newHttpClient();
            URI base = URI.create("http://127.0.0.1:" + s.address().getPort());
            HttpResponse<String> r = c.send(HttpRequest.newBuilder(base.resolve("/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("lvsd_up 1\n");
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v)
                    .startsWith("text/plain; version=0.0.4"));
            HttpResponse<String> other = c.send(HttpRequest.newBuilder(base.resolve("/other")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(other.statusCode()).isEqualTo(404);
        }
    }
}
