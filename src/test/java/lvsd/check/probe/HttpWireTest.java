package lvsd.check.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import lvsd.check.CheckResult;
import lvsd.check.CheckSpec;
import lvsd.check.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpWireTest {

    static Optional<HttpWire.Response> parse(String s, boolean head, boolean eof) throws Exception {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        return HttpWire.complete(b, b.length, head, eof);
    }

    @Test
    void requestCarriesHostAndClosesTheConnection() throws Exception {
        Target t = new Target(InetAddress.getByName("10.0.0.1"), 8080);
        CheckSpec.Http h = new CheckSpec.Http(t, false, false, "HEAD", "/x?y=1", "", "", Duration.ofSeconds(1));
        assertThat(new String(HttpWire.request(h), StandardCharsets.ISO_8859_1)).isEqualTo(
                "HEAD /x?y=1 HTTP/1.1\r\nHost: 10.0.0.1:8080\r\nUser-Agent: lvsd-check\r\nAccept: */*\r\nConnection: close\r\n\r\n");
        CheckSpec.Http v = new CheckSpec.Http(new Target(t.address(), 80), false, false, "GET", "/", "www.example.org", "", Duration.ofSeconds(1));
        assertThat(new String(HttpWire.request(v), StandardCharsets.ISO_8859_1)).contains("\r\nHost: www.example.org\r\n");
    }

    @Test
    void completeByContentLengthBeforeEof() throws Exception {
        assertThat(parse("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhel", false, false)).isEmpty();
        assertThat(parse("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", false, false))
                .contains(new HttpWire.Response(200, null, "hello"));
    }

    @Test
    void withoutLengthTheBodyEndsAtEof() throws Exception {
        assertThat(parse("HTTP/1.0 200 OK\r\n\r\nsome body", false, false)).isEmpty();
        assertThat(parse("HTTP/1.0 200 OK\r\n\r\nsome body", false, true)).contains(new HttpWire.Response(200, null, "some body"));
    }

    @Test
    void chunkedBodiesAreJoined() throws Exception {
        String r = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;x=y\r\n world\r\n0\r\n\r\n";
        assertThat(parse(r, false, false)).contains(new HttpWire.Response(200, null, "hello world"));
        assertThat(parse(r.substring(0, r.length() - 5), false, false)).isEmpty();
    }

    @Test
    void headAnd204HaveNoBodyAndRedirectsCarryLocation() throws Exception {
        assertThat(parse("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n", true, false)).contains(new HttpWire.Response(200, null, ""));
        assertThat(parse("HTTP/1.1 204 No Content\r\n\r\n", false, false)).contains(new HttpWire.Response(204, null, ""));
        assertThat(parse("HTTP/1.1 302 Found\r\nLocation: /next\r\nContent-Length: 0\r\n\r\n", false, false))
                .contains(new HttpWire.Response(302, "/next", ""));
    }

    @Test
    void garbageAndEarlyCloseAreErrors() {
        assertThatThrownBy(() -> parse("SSH-2.0-OpenSSH\r\n\r\n", false, false)).hasMessageContaining("not an HTTP/1.x status line");
        assertThatThrownBy(() -> parse("HTTP/1.1 200 OK\r\nContent-", false, true)).hasMessageContaining("inside the response headers");
        assertThatThrownBy(() -> parse("", false, true)).hasMessageContaining("without a response");
        assertThatThrownBy(() -> parse("HTTP/1.1 2x0 OK\r\n\r\n", false, true)).hasMessageContaining("bad status");
    }

    @Test
    void theEndOfHeadersIsFoundWhenSearchedPieceByPiece() {
        byte[] b = "HTTP/1.1 200 OK\r\nX-A: b\r\n\r\nbody".getBytes(StandardCharsets.ISO_8859_1);
        int expected = HttpWire.headersEnd(b, 0, b.length);
        assertThat(expected).isEqualTo(23);
        // one byte per read, each search resuming where the last stopped: the blank line straddles every cut
        int from = 0;
        int found = -1;
        for (int len = 1; len <= b.length && found < 0; len++) {
            found = HttpWire.headersEnd(b, from, len);
            from = HttpWire.resumeAt(len);
        }
        assertThat(found).isEqualTo(expected);
    }

    @Test
    void tooManyHeaderLinesAreAnError() {
        String many = "HTTP/1.1 200 OK\r\n" + "X: y\r\n".repeat(HttpWire.MAX_HEADER_LINES + 1) + "\r\n";
        assertThatThrownBy(() -> parse(many, false, false)).hasMessageContaining("more than " + HttpWire.MAX_HEADER_LINES);
    }

    @Test
    void verdictNeeds2xxAndAMatch() {
        assertThat(HttpVerdict.judge(200, "ready", "rea.y")).isEqualTo(CheckResult.Up.PLAIN);
        assertThat(HttpVerdict.judge(200, "ready", "")).isEqualTo(CheckResult.Up.PLAIN);
        assertThat(HttpVerdict.judge(299, "x", "")).isEqualTo(CheckResult.Up.PLAIN);
        assertThat(HttpVerdict.judge(404, "ready", "ready")).isEqualTo(new CheckResult.Down("HTTP status 404"));
        assertThat(HttpVerdict.judge(200, "nope", "ready")).isInstanceOf(CheckResult.Down.class);
    }

    /** Random bytes and cuts: only the codec's own exception, never anything else. */
    @ParameterizedTest
    @ValueSource(longs = {3, 5, 8})
    void hostileBytesOnlyRaiseTheCodecsException(long seed) {
        Random rnd = new Random(seed);
        byte[] good = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < 5000; i++) {
            byte[] b = java.util.Arrays.copyOf(good, rnd.nextInt(good.length + 1));
            for (int k = 0; k < 3 && b.length > 0; k++) {
                b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
            }
            try {
                HttpWire.complete(b, b.length, rnd.nextBoolean(), rnd.nextBoolean());
            } catch (HttpWire.HttpWireException expected) {
                // fine
            }
        }
    }
}
