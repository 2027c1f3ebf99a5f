package lvsd.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.FileInputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.SocketChannel;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocketFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every verdict against real sockets on loopback: servers that are up, refuse, stay silent, trickle one
 * byte per second, send the wrong content, answer 500, or speak TLS. Each run must end by its deadline
 * (plus a margin for a loaded, shared 2-core machine: what a margin guards against is a run that never ends,
 * and a trickling server would stretch one by tens of seconds).
 */
class HostileServerTest {
    /** Checks whose verdict is under test get a timeout no loaded machine reaches. */
    static final Duration T = Duration.ofSeconds(10);
    /** Checks that must time out get a short deadline, and must end within it plus MARGIN. */
    static final Duration D = Duration.ofMillis(1500);
    static final Duration MARGIN = Duration.ofSeconds(4);
    static LoopbackServers servers;
    static EngineHarness h;
    static SSLServerSocketFactory tls;

    @BeforeAll
    static void setUp() throws Exception {
        servers = new LoopbackServers();
        h = new EngineHarness();
        tls = selfSigned();
    }

    @AfterAll
    static void tearDown() {
        h.close();
        servers.close();
    }

    /** A self-signed certificate made with the JDK's keytool for this run only. */
    static SSLServerSocketFactory selfSigned() throws Exception {
        File dir = new File("target/test-tls");
        dir.mkdirs();
        File ks = new File(dir, "server.p12");
        ks.delete();
        Process p = new ProcessBuilder(System.getProperty("java.home") + "/bin/keytool", "-genkeypair", "-alias", "s",
                "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=real.example", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", ks.getPath(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).isZero();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(ks)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, "changeit".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx.getServerSocketFactory();
    }

    static CheckSpec.Http http(Target t, String receive) {
        return http(t, receive, T);
    }

    static CheckSpec.Http http(Target t, String receive, Duration timeout) {
        return new CheckSpec.Http(t, false, false, "GET", "/health", "", receive, timeout);
    }

    static void withinDeadline(EngineHarness.Result r) {
        assertThat(r.took()).isLessThan(r.spec().timeout().plus(MARGIN));
    }

    static void timedOut(EngineHarness.Result r) {
        assertThat(r.result()).isInstanceOf(CheckResult.TimedOut.class);
        assertThat(r.took()).isGreaterThanOrEqualTo(r.spec().timeout().minusMillis(50));
        withinDeadline(r);
    }

    @Test
    void connectUpAndRefused() throws Exception {
        Target up = servers.serve(s -> s.close());
        EngineHarness.Result r = h.once(new CheckSpec.Connect(up, T));
        assertThat(r.result()).isEqualTo(CheckResult.Up.PLAIN);
        r = h.once(new CheckSpec.Connect(LoopbackServers.refused(), T));
        assertThat(r.result()).isInstanceOf(CheckResult.Down.class);
        assertThat(r.result().describe()).contains("refused");
    }

    @Test
    void connectToAFullAcceptQueueTimesOut() throws Exception {
        try (ServerSocket ss = new ServerSocket(0, 1, LoopbackServers.LO)) {
            List<SocketChannel> fill = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) { // never accepted: the queue fills and later SYNs are dropped
                    SocketChannel c = SocketChannel.open();
                    c.configureBlocking(false);
                    c.connect(new InetSocketAddress(LoopbackServers.LO, ss.getLocalPort()));
                    fill.add(c);
                }
                // the queue is full once backlog + 1 handshakes completed: later SYNs, the check's too, are dropped
                await("the accept queue is full").atMost(Duration.ofSeconds(20)).until(() -> {
                    int connected = 0;
                    for (SocketChannel c : fill) {
                        if (c.isConnected() || c.finishConnect()) {
                            connected++;
                        }
                    }
                    return connected >= 2;
                });
                timedOut(h.once(new CheckSpec.Connect(new Target(LoopbackServers.LO, ss.getLocalPort()), D)));
            } finally {
                for (SocketChannel c : fill) {
                    c.close();
                }
            }
        }
    }

    @Test
    void httpUpWhenStatusIs2xxAndBodyMatches() throws Exception {
        Target t = servers.serve(LoopbackServers.http(200, "all good: ready\n"));
        assertThat(h.once(http(t, "ready")).result()).isEqualTo(CheckResult.Up.PLAIN);
        assertThat(h.once(http(t, "")).result()).isEqualTo(CheckResult.Up.PLAIN);
    }

    @Test
    void httpWrongContentIsDown() throws Exception {
        Target t = servers.serve(LoopbackServers.http(200, "maintenance page"));
        EngineHarness.Result r = h.once(http(t, "ready"));
        assertThat(r.result()).isInstanceOf(CheckResult.Down.class);
        assertThat(r.result().describe()).contains("does not match");
    }

    @Test
    void http500IsDownEvenWhenTheBodyMatches() throws Exception {
        Target t = servers.serve(LoopbackServers.http(500, "ready"));
        EngineHarness.Result r = h.once(http(t, "ready"));
        assertThat(r.result()).isEqualTo(new CheckResult.Down("HTTP status 500"));
    }

    @Test
    void httpRefusedIsDown() throws Exception {
        assertThat(h.once(http(LoopbackServers.refused(), "")).result()).isInstanceOf(CheckResult.Down.class);
    }

    @Test
    void httpSilentServerTimesOutOnTime() throws Exception {
        timedOut(h.once(http(servers.serve(LoopbackServers.SILENT), "", D)));
    }

    @Test
    void httpTricklingServerCannotStretchTheDeadline() throws Exception {
        Target t = servers.serve(LoopbackServers.trickle("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nready", true));
        timedOut(h.once(http(t, "", D)));
    }

    @Test
    void httpsWithASelfSignedCertificateIsUpUnlessVerificationIsAsked() throws Exception {
        Target t = servers.serveTls(tls, LoopbackServers.http(200, "secure ready"));
        // generous timeouts: the verdict is under test here, and the first TLS client (and, for verification,
        // the system trust store) is set up on first use, which takes seconds on a loaded machine
        Duration slow = Duration.ofSeconds(15);
        CheckSpec.Http plain = new CheckSpec.Http(t, true, false, "GET", "/", "real.example", "secure", slow);
        assertThat(h.once(plain).result()).isEqualTo(CheckResult.Up.PLAIN);
        CheckSpec.Http verify = new CheckSpec.Http(t, true, true, "GET", "/", "real.example", "secure", slow);
        EngineHarness.Result r = h.once(verify);
        assertThat(r.result()).isInstanceOf(CheckResult.Down.class);
    }

    @Test
    void httpsSilentDuringTheHandshakeTimesOut() throws Exception {
        Target t = servers.serve(LoopbackServers.SILENT); // plain TCP: never sends a ServerHello
        timedOut(h.once(new CheckSpec.Http(t, true, false, "GET", "/", "", "", D)));
    }

    @Test
    void httpHeadNeedsOnlyTheStatus() throws Exception {
        Target t = servers.serve(s -> {
            LoopbackServers.readRequestHead(s.getInputStream());
            s.getOutputStream().write("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n".getBytes());
            s.close();
        });
        assertThat(h.once(new CheckSpec.Http(t, false, false, "HEAD", "/", "", "", T)).result()).isEqualTo(CheckResult.Up.PLAIN);
    }

    @Test
    void headWithAReceiveRegexMatchesTheEmptyBodyAsLdirectordDoes() throws Exception {
        Target t = servers.serve(LoopbackServers.http(200, "ignored"));
        assertThat(h.once(new CheckSpec.Http(t, false, false, "HEAD", "/", "", "ready", T)).result().describe())
                .contains("does not match /ready/");
        assertThat(h.once(new CheckSpec.Http(t, false, false, "HEAD", "/", "", "^$", T)).result()).isEqualTo(CheckResult.Up.PLAIN);
    }

    @Test
    void withoutReceiveTheBodyIsNeverWaitedFor() throws Exception {
        // headers promising 10 MiB, then silence: only the status matters, so the check is up at once
        Target t = servers.serve(s -> {
            LoopbackServers.readRequestHead(s.getInputStream());
            s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 10485760\r\n\r\nstart".getBytes());
            s.getOutputStream().flush();
            Thread.sleep(600_000);
        });
        EngineHarness.Result r = h.once(http(t, "", D));
        assertThat(r.result()).isEqualTo(CheckResult.Up.PLAIN);
        assertThat(r.took()).isLessThan(D);
    }

    @Test
    void virtualHostIsSentAsTheHostHeader() throws Exception {
        List<String> heads = new java.util.concurrent.CopyOnWriteArrayList<>();
        Target t = servers.serve(s -> {
            StringBuilder head = new StringBuilder();
            InputStream in = s.getInputStream();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int c = in.read();
                if (c < 0) {
                    break;
                }
                head.append((char) c);
            }
            heads.add(head.toString());
            s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes());
            s.close();
        });
        assertThat(h.once(new CheckSpec.Http(t, false, false, "GET", "/x", "www.example.org", "", T)).result())
                .isEqualTo(CheckResult.Up.PLAIN);
        assertThat(heads.get(0)).startsWith("GET /x HTTP/1.1\r\n").containsIgnoringCase("\r\nHost: www.example.org\r\n");
    }

    @Test
    void smtpTricklingGreetingTimesOutAndSilentTimesOut() throws Exception {
        Target trickle = servers.serve(LoopbackServers.trickle("220 mail.example ESMTP\r\n", false));
        timedOut(h.once(new CheckSpec.Dialog(CheckSpec.Service.SMTP, trickle, false, false, "", "", "", "", D)));
        Target silent = servers.serve(LoopbackServers.SILENT);
        timedOut(h.once(new CheckSpec.Dialog(CheckSpec.Service.SMTP, silent, false, false, "", "", "", "", D)));
    }

    @Test
    void smtpGreetingDecides() throws Exception {
        Target ok = servers.serve(LoopbackServers.lines("220-mail.example ESMTP\r\n220 ready", r -> r.close = true));
        assertThat(h.once(new CheckSpec.Dialog(CheckSpec.Service.SMTP, ok, false, false, "", "", "", "", T)).result())
                .isEqualTo(CheckResult.Up.PLAIN);
        Target busy = servers.serve(LoopbackServers.lines("554 go away", r -> r.close = true));
        assertThat(h.once(new CheckSpec.Dialog(CheckSpec.Service.SMTP, busy, false, false, "", "", "", "", T)).result())
                .isEqualTo(new CheckResult.Down("SMTP greeting: 554 go away"));
    }

    @Test
    void nntpBannerMustStartWith2() throws Exception {
        Target ok = servers.serve(LoopbackServers.lines("200 news.example ready", r -> r.close = true));
        assertThat(h.once(new CheckSpec.Dialog(CheckSpec.Service.NNTP, ok, false, false, "", "", "", "", T)).result())
                .isEqualTo(CheckResult.Up.PLAIN);
        Target no = servers.serve(LoopbackServers.lines("502 no permission", r -> r.close = true));
        assertThat(h.once(new CheckSpec.Dialog(CheckSpec.Service.NNTP, no, false, false, "", "", "", "", T)).result())
                .isInstanceOf(CheckResult.Down.class);
    }

    @Test
    void simpletcpSendsTheRequestAndAwaitsAMatchingLine() throws Exception {
        Target t = servers.serve(LoopbackServers.lines(null, r -> {
            r.reply = r.line.equals("PING") ? "hello\r\n+PONG" : "-ERR";
            r.close = true;
        }));
        CheckSpec ok = new CheckSpec.Dialog(CheckSpec.Service.SIMPLETCP, t, false, false, "PING\\n", "^\\+PONG", "", "", T);
        assertThat(h.once(ok).result()).isEqualTo(CheckResult.Up.PLAIN);
        CheckSpec wrong = new CheckSpec.Dialog(CheckSpec.Service.SIMPLETCP, t, false, false, "PING\\n", "^READY", "", "", T);
        assertThat(h.once(wrong).result()).isInstanceOf(CheckResult.Down.class);
    }

    @Test
    void sipOverTcpNeeds200() throws Exception {
        Target t = servers.serve(s -> {
            LoopbackServers.readRequestHead(s.getInputStream());
            s.getOutputStream().write("SIP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes());
            s.close();
        });
        assertThat(h.once(new CheckSpec.Dialog(CheckSpec.Service.SIP, t, false, false, "", "", "", "", T)).result())
                .isEqualTo(CheckResult.Up.PLAIN);
    }

    @Test
    void popsOverTlsLogsIn() throws Exception {
        Target t = servers.serveTls(tls, LoopbackServers.lines("+OK POP3 ready", r -> {
            r.reply = r.line.equals("PASS pw") || r.line.startsWith("USER ") || r.line.equals("QUIT") ? "+OK" : "-ERR";
            r.close = r.line.equals("QUIT");
        }));
        assertThat(h.once(new CheckSpec.Dialog(CheckSpec.Service.POP, t, true, false, "", "", "u", "pw", T)).result())
                .isEqualTo(CheckResult.Up.PLAIN);
        assertThat(h.once(new CheckSpec.Dialog(CheckSpec.Service.POP, t, true, false, "", "", "u", "bad", T)).result())
                .isInstanceOf(CheckResult.Down.class);
    }

    @Test
    void sqlAgainstASilentServerTimesOut() throws Exception {
        Target t = servers.serve(LoopbackServers.SILENT);
        timedOut(h.once(new CheckSpec.Sql(CheckSpec.SqlKind.MYSQL, t, "u", "p", "", "SELECT 1", D)));
        timedOut(h.once(new CheckSpec.Sql(CheckSpec.SqlKind.PGSQL, t, "u", "p", "", "SELECT 1", D)));
        timedOut(h.once(new CheckSpec.Ldap(t, false, "", "", "dc=example", "", D)));
    }

    @Test
    void dnsAndRadiusWithNoServerTimeOut() throws Exception {
        try (java.net.DatagramSocket quiet = new java.net.DatagramSocket(0, LoopbackServers.LO)) {
            Target t = new Target(LoopbackServers.LO, quiet.getLocalPort());
            timedOut(h.once(new CheckSpec.Dns(t, false, "www.example.org", "1.2.3.4", D)));
            timedOut(h.once(new CheckSpec.Radius(t, "u", "p", "s", D)));
        }
    }
}
