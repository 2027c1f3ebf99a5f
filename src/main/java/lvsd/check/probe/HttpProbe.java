package lvsd.check.probe;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.KeyManagementException;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
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
import org.apache.hc.client5.http.impl.DefaultRedirectStrategy;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.nio.ssl.TlsStrategy;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * HTTP and HTTPS checks on httpclient5's async client: a fixed set of I/O reactor threads serves every
 * check. Each check opens a fresh connection (a pooled one would hide a server that stopped accepting).
 * At the deadline the engine cancels the exchange, which closes its connection, so a trickling server
 * cannot stretch a check. Server-supplied input is bounded: header lines and count, redirects (same host
 * only, at most {@link #MAX_REDIRECTS}), and the body, read only for a receive= regex and then only its
 * first {@link #BODY_LIMIT} bytes, counted against the shared {@link ByteBudget}. The regex runs on the
 * {@link ReceiveMatcher}, not on a reactor thread.
 */
public final class HttpProbe implements Probe, AutoCloseable {

    static final int BODY_LIMIT = ReceiveMatcher.TEXT_LIMIT;
    static final int MAX_REDIRECTS = 5;
    static final int MAX_HEADER_LINE = 8 * 1024;
    static final int MAX_HEADERS = HttpWire.MAX_HEADER_LINES;

    private final Ticker ticker;
    private final ReceiveMatcher matcher;
    private final ByteBudget budget;
    private final int maxConnections;
    private final CloseableHttpAsyncClient unverified;
    private volatile CloseableHttpAsyncClient verified; // made on first use: most setups never verify
    private final int ioThreads;
    /** Called on a reactor thread that ends while the probe is not closing: every HTTP(S) check would hang. */
    private final Consumer<Throwable> onDeath;
    private volatile boolean closing;

    /** {@code maxConnections}: checks this probe may have in flight at once (the pool is sized to it). */
    HttpProbe(Ticker ticker, int ioThreads, int maxConnections, ReceiveMatcher matcher, ByteBudget budget) {
        this(ticker, ioThreads, maxConnections, matcher, budget, t -> {});
    }

    /** {@code onDeath}: called when an I/O reactor thread of the client ends before {@link #close}. */
    HttpProbe(Ticker ticker, int ioThreads, int maxConnections, ReceiveMatcher matcher, ByteBudget budget,
            Consumer<Throwable> onDeath) {
        this.onDeath = onDeath;
        this.ticker = ticker;
        this.ioThreads = ioThreads;
        this.maxConnections = maxConnections;
        this.matcher = matcher;
        this.budget = budget;
        this.unverified = client(trustAll(), false);
    }

    /** Follows a redirect only to the host the check was sent to (ldirectord's LWP follows any). */
    private static final class SameHostRedirects extends DefaultRedirectStrategy {
        @Override
        public boolean isRedirectAllowed(HttpHost current, HttpHost next, HttpRequest request, HttpContext context) {
            return current.getHostName().equalsIgnoreCase(next.getHostName())
                    && super.isRedirectAllowed(current, next, request, context);
        }
    }

    private CloseableHttpAsyncClient client(TlsStrategy tls, boolean verify) {
        var cm = PoolingAsyncClientConnectionManagerBuilder.create()
                .setTlsStrategy(tls)
                .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
                .setMaxConnTotal(maxConnections)
                .setMaxConnPerRoute(maxConnections)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        // backstops only: each request carries its check's deadline, and the engine cancels at it
                        .setConnectTimeout(Timeout.ofMinutes(1))
                        .setSocketTimeout(Timeout.ofMinutes(1))
                        .setTimeToLive(TimeValue.ofMinutes(1))
                        .build())
                .build();
        CloseableHttpAsyncClient c = HttpAsyncClients.custom()
                .setConnectionManager(cm)
                .setIOReactorConfig(IOReactorConfig.custom().setIoThreadCount(ioThreads).setSoLinger(Timeout.ZERO_MILLISECONDS).build())
                .setHttp1Config(Http1Config.custom().setMaxLineLength(MAX_HEADER_LINE).setMaxHeaderCount(MAX_HEADERS)
                        .setMaxEmptyLineCount(4).build())
                .setRedirectStrategy(new SameHostRedirects())
                .setConnectionReuseStrategy((req, resp, ctx) -> false)
                .evictIdleConnections(TimeValue.ofSeconds(5))
                .evictExpiredConnections()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .setThreadFactory(r -> {
                    Thread t = new Thread(() -> supervised(r), verify ? "lvsd-check-https-verified" : "lvsd-check-http");
                    t.setDaemon(true);
                    return t;
                })
                .build();
        c.start();
        return c;
    }

    /**
     * Runs one I/O reactor thread of the client. The reactor lives as long as the probe: if its thread ends before
     * {@link #close} (an error escaped it, or the reactor shut itself down), say so, as the selector does.
     */
    private void supervised(Runnable reactor) {
        Throwable died = null;
        try {
            reactor.run();
        } catch (RuntimeException | Error e) {
            died = e;
        }
        if (!closing) {
            onDeath.accept(died != null ? died : new IllegalStateException("the HTTP client's I/O reactor stopped"));
        }
    }

    /** Test hook: shuts the plain client's I/O reactor down under the checks, as a reactor failure would. */
    void killReactor() {
        unverified.close(CloseMode.IMMEDIATE);
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
                        .setMaxRedirects(MAX_REDIRECTS)
                        .setCircularRedirectsAllowed(false)
                        .setConnectionRequestTimeout(Timeout.ofMilliseconds(left))
                        .setResponseTimeout(Timeout.ofMilliseconds(left)).build());
        if (!h.virtualHost().isEmpty()) {
            b.setHeader("Host", h.virtualHost());
        }
        CloseableHttpAsyncClient client = h.tls() && h.verifyTls() ? verifiedClient() : unverified;
        ByteBudget.Hold hold = budget.new Hold();
        AtomicBoolean finished = new AtomicBoolean();
        AtomicReference<Cancel> matching = new AtomicReference<>(Cancel.NONE);
        Consumer<CheckResult> once = r -> {
            hold.release();
            if (finished.compareAndSet(false, true)) {
                done.accept(r);
            }
        };
        Consumer<Collected> judge = c -> matching.set(matcher.judge(c.status, c.body, h, deadlineNanos, once));
        Future<Collected> f = client.execute(SimpleRequestProducer.create(b.build()), new Collect(h, hold, budget), null,
                new FutureCallback<>() {
                    @Override
                    public void completed(Collected c) {
                        judge.accept(c);
                    }

                    @Override
                    public void failed(Exception e) {
                        hold.release();
                        for (Throwable t = e; t != null; t = t.getCause()) {
                            if (t instanceof EarlyVerdict v) {
                                judge.accept(v.collected);
                                return;
                            }
                        }
                        once.accept(new CheckResult.Down(scheme + " " + h.target() + ": " + ConnectProbe.reason(e)));
                    }

                    @Override
                    public void cancelled() {
                        // only the engine cancels, and it has already reported the timeout
                        hold.release();
                    }
                });
        return () -> {
            f.cancel(true);
            hold.release();
            matching.get().cancel();
        };
    }

    /** What the regex needs from a response: its status and (for receive=) a decoded body prefix. */
    private record Collected(int status, String body) {}

    /**
     * Ends an exchange once enough is known (the status alone, or a full body prefix): thrown out of the
     * consumer, it closes the connection without reading the rest, and carries what was collected.
     */
    private static final class EarlyVerdict extends HttpException {
        final transient Collected collected;

        EarlyVerdict(Collected collected) {
            super("enough of the response was read");
            this.collected = collected;
        }
    }

    /** Collects the status and, only when a receive= regex needs it, up to BODY_LIMIT bytes of body. */
    private static final class Collect extends AbstractBinResponseConsumer<Collected> {
        private final CheckSpec.Http spec;
        private final ByteBudget.Hold hold;
        private final ByteBudget budget;
        private byte[] body = new byte[0];
        private int len;
        private int status;
        private Charset charset = StandardCharsets.ISO_8859_1;

        Collect(CheckSpec.Http spec, ByteBudget.Hold hold, ByteBudget budget) {
            this.spec = spec;
            this.hold = hold;
            this.budget = budget;
        }

        @Override
        protected void start(HttpResponse response, ContentType contentType) throws HttpException {
            status = response.getCode();
            if (contentType != null && contentType.getCharset() != null) {
                charset = contentType.getCharset();
            }
            if (status < 200 || status > 299 || spec.receive().isEmpty()) {
                if (status >= 300 && status < 400 && response.getFirstHeader("Location") != null) {
                    throw new HttpException("HTTP status " + status + ": redirect to "
                            + response.getFirstHeader("Location").getValue() + " not followed (another host)");
                }
                throw new EarlyVerdict(new Collected(status, "")); // the status decides: skip the body
            }
        }

        @Override
        protected int capacityIncrement() {
            return 8192;
        }

        @Override
        protected void data(ByteBuffer src, boolean endOfStream) throws IOException {
            int n = Math.min(BODY_LIMIT - len, src.remaining());
            if (n > 0) {
                if (len + n > body.length) {
                    int grown = Math.min(BODY_LIMIT, Math.max(len + n, body.length * 2));
                    if (!hold.grow(grown - body.length)) {
                        throw new IOException(budget.exceeded(grown - body.length));
                    }
                    body = java.util.Arrays.copyOf(body, grown);
                }
                src.get(body, len, n);
                len += n;
            }
            src.position(src.limit());
            if (len >= BODY_LIMIT && !endOfStream) {
                throw new IOException(new EarlyVerdict(buildResult())); // the prefix is all the regex sees
            }
        }

        @Override
        protected Collected buildResult() {
            return new Collected(status, new String(body, 0, len, charset));
        }

        @Override
        public void releaseResources() {
        }
    }

    @Override
    public void close() {
        closing = true;
        unverified.close(CloseMode.GRACEFUL);
        CloseableHttpAsyncClient v = verified;
        if (v != null) {
            v.close(CloseMode.GRACEFUL);
        }
    }
}
