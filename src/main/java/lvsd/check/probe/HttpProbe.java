package lvsd.check.probe;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.KeyManagementException;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import lvsd.check.CheckResult;
import lvsd.check.CheckSpec;
import lvsd.check.Probe;
import lvsd.clock.Ticker;
import org.apache.hc.client5.http.async.methods.AbstractBinResponseConsumer;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.ssl.TlsStrategy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * HTTP and HTTPS checks on httpclient5's async client: a fixed set of I/O reactor threads serves every
 * check. Each check opens a fresh connection (a pooled one would hide a server that stopped accepting).
 * At the deadline the engine cancels the exchange, which closes its connection, so a trickling server
 * cannot stretch a check. Bodies are read up to {@link #BODY_LIMIT}; the receive regex sees that prefix.
 */
public final class HttpProbe implements Probe, AutoCloseable {

    static final int BODY_LIMIT = 256 * 1024;

    private final Ticker ticker;
    private final CloseableHttpAsyncClient unverified;
    private volatile CloseableHttpAsyncClient verified; // made on first use: most setups never verify
    private final int ioThreads;

    public HttpProbe(Ticker ticker, int ioThreads) {
        this.ticker = ticker;
        this.ioThreads = ioThreads;
        this.unverified = client(trustAll(), false);
    }

    private CloseableHttpAsyncClient client(TlsStrategy tls, boolean verify) {
        var cm = PoolingAsyncClientConnectionManagerBuilder.create()
                .setTlsStrategy(tls)
                .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
                .setMaxConnTotal(1_000_000)
                .setMaxConnPerRoute(1_000_000)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.ofMinutes(10)) // the engine's deadline is the real limit
                        .setSocketTimeout(Timeout.ofMinutes(10))
                        .build())
                .build();
        CloseableHttpAsyncClient c = HttpAsyncClients.custom()
                .setConnectionManager(cm)
                .setIOReactorConfig(IOReactorConfig.custom().setIoThreadCount(ioThreads).setSoLinger(Timeout.ZERO_MILLISECONDS).build())
                .setConnectionReuseStrategy((req, resp, ctx) -> false)
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .setThreadFactory(r -> {
                    Thread t = new Thread(r, verify ? "lvsd-check-https-verified" : "lvsd-check-http");
                    t.setDaemon(true);
                    return t;
                })
                .build();
        c.start();
        return c;
    }

    private static TlsStrategy trustAll() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {lvsd.check.proto.TrustAll.INSTANCE}, null);
            return ClientTlsStrategyBuilder.create().setSslContext(ctx)
                    .setHostVerificationPolicy(HostnameVerificationPolicy.CLIENT)
                    .setHostnameVerifier(NoopHostnameVerifier.INSTANCE).buildAsync();
        } catch (NoSuchAlgorithmException | KeyManagementException e) {
            throw new IllegalStateException("no TLS in this JVM", e);
        }
    }

    private CloseableHttpAsyncClient verifiedClient() {
        CloseableHttpAsyncClient c = verified;
        if (c == null) {
            synchronized (this) {
                if (verified == null) {
                    verified = client(ClientTlsStrategyBuilder.create().useSystemProperties().buildAsync(), true);
                }
                c = verified;
            }
        }
        return c;
    }

    @Override
    public Cancel start(CheckSpec spec, long deadlineNanos, Consumer<CheckResult> done) {
        CheckSpec.Http h = (CheckSpec.Http) spec;
        String scheme = h.tls() ? "https" : "http";
        String ip = h.target().address().getHostAddress();
        HttpHost host = new HttpHost(scheme, h.target().address(), ip, h.target().port());
        long left = Math.max(1, (deadlineNanos - ticker.nanos()) / 1_000_000);
        SimpleRequestBuilder b = (h.method().equals("HEAD") ? SimpleRequestBuilder.head() : SimpleRequestBuilder.get())
                .setHttpHost(host)
                .setPath(h.path())
                .setRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.ofMilliseconds(left))
                        .setResponseTimeout(Timeout.ofMilliseconds(left)).build());
        if (!h.virtualHost().isEmpty()) {
            b.setHeader("Host", h.virtualHost());
        }
        CloseableHttpAsyncClient client = h.tls() && h.verifyTls() ? verifiedClient() : unverified;
        Future<CheckResult> f = client.execute(SimpleRequestProducer.create(b.build()), new Judge(h), null,
                new FutureCallback<>() {
                    @Override
                    public void completed(CheckResult r) {
                        done.accept(r);
                    }

                    @Override
                    public void failed(Exception e) {
                        done.accept(new CheckResult.Down(scheme + " " + h.target() + ": " + ConnectProbe.reason(e)));
                    }

                    @Override
                    public void cancelled() {
                        // only the engine cancels, and it has already reported the timeout
                    }
                });
        return () -> f.cancel(true);
    }

    /** Collects the status and up to BODY_LIMIT bytes of body, then judges them. */
    private static final class Judge extends AbstractBinResponseConsumer<CheckResult> {
        private final CheckSpec.Http spec;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private int status;
        private Charset charset = StandardCharsets.ISO_8859_1;

        Judge(CheckSpec.Http spec) {
            this.spec = spec;
        }

        @Override
        protected void start(HttpResponse response, ContentType contentType) {
            status = response.getCode();
            if (contentType != null && contentType.getCharset() != null) {
                charset = contentType.getCharset();
            }
        }

        @Override
        protected int capacityIncrement() {
            return 8192;
        }

        @Override
        protected void data(ByteBuffer src, boolean endOfStream) {
            int room = BODY_LIMIT - body.size();
            int n = Math.min(room, src.remaining());
            if (n > 0) {
                byte[] chunk = new byte[n];
                src.get(chunk);
                body.write(chunk, 0, n);
            }
            src.position(src.limit()); // drop what exceeds the limit
        }

        @Override
        protected CheckResult buildResult() {
            return HttpVerdict.judge(status, new String(body.toByteArray(), charset), spec.receive());
        }

        @Override
        public void releaseResources() {
        }
    }

    @Override
    public void close() {
        unverified.close(CloseMode.GRACEFUL);
        CloseableHttpAsyncClient v = verified;
        if (v != null) {
            v.close(CloseMode.GRACEFUL);
        }
    }
}
