package lvsd.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control socket on a real Unix socket: framing, permissions, peer checks, and that no client blocks another. */
class ControlServerTest {

    @TempDir
    Path tmp;

    private final List<ControlServer> servers = new ArrayList<>();
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final List<Throwable> deaths = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        servers.forEach(ControlServer::close);
    }

    private ControlServer start(Path socket, ControlServer.Handler h, boolean allow) throws IOException {
        ControlServer s = ControlServer.start(socket, h, p -> allow, warnings::add, deaths::add);
        servers.add(s);
        return s;
    }

    private static ControlServer.Handler answering(String member) {
        return c -> CompletableFuture.completedFuture(ControlProtocol.ok(c, Map.of("echo", "\"" + member + c.word() + "\"")));
    }

    @Test
    void answersEachCommandAndMakesThePrivateDirectoryAndSocket() throws IOException {
        Path socket = tmp.resolve("run/lvsd/test.cf.sock");
        start(socket, answering("got "), true);

        String text = ControlClient.ask(socket, ControlProtocol.Command.CHECKS, Duration.ofSeconds(5));
        ControlProtocol.Response r = ControlProtocol.parseResponse(text);
        assertThat(r.ok()).isTrue();
        assertThat(r.members()).containsEntry("command", "checks").containsEntry("echo", "got checks");
        assertThat(Files.getPosixFilePermissions(socket)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(socket.getParent()))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(ControlClient.socketsUnder(tmp.resolve("run"))).containsExactly(socket);
    }

    @Test
    void aPeerTheCheckRefusesGetsAReasonAndIsCounted() throws IOException {
        Path socket = tmp.resolve("refuse.sock");
        ControlServer s = start(socket, answering(""), false);

        ControlProtocol.Response r = ControlProtocol.parseResponse(
                ControlClient.ask(socket, ControlProtocol.Command.STATUS, Duration.ofSeconds(5)));

        assertThat(r.ok()).isFalse();
        assertThat(r.error()).startsWith("refused: user " + System.getProperty("user.name"));
        assertThat(s.stats().refused()).isEqualTo(1);
        assertThat(s.stats().served()).isZero();
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("refused a connection from user"));
    }

    @Test
    void aSlowAnswerAndASilentClientDelayNoOtherClient() throws Exception {
        Path socket = tmp.resolve("slow.sock");
        CompletableFuture<String> pendingReload = new CompletableFuture<>();
        ControlServer s = start(socket, c -> c == ControlProtocol.Command.RELOAD ? pendingReload
                : CompletableFuture.completedFuture(ControlProtocol.ok(c, Map.of())), true);
        try (SocketChannel silent = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            CompletableFuture<String> reload = CompletableFuture.supplyAsync(() -> {
                try {
                    return ControlClient.ask(socket, ControlProtocol.Command.RELOAD, Duration.ofSeconds(10));
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            // while one client says nothing and another waits for its reload, a third is served at once
            String status = ControlClient.ask(socket, ControlProtocol.Command.STATUS, Duration.ofSeconds(5));
            assertThat(ControlProtocol.parseResponse(status).ok()).isTrue();
            assertThat(reload).isNotDone();

            pendingReload.complete(ControlProtocol.error("rejected for the test"));
            assertThat(ControlProtocol.parseResponse(reload.get()).error()).isEqualTo("rejected for the test");
        }
        assertThat(s.stats().served()).isEqualTo(2);
        assertThat(deaths).isEmpty();
    }

    @Test
    void aFailedHandlerAndAMalformedRequestAreAnsweredWithTheReason() throws IOException {
        Path socket = tmp.resolve("bad.sock");
        ControlServer s = start(socket, c -> CompletableFuture.failedFuture(new IllegalStateException("boom")), true);

        assertThat(ControlProtocol.parseResponse(raw(socket, "frobnicate\n")).error())
                .startsWith("unknown command \"frobnicate\"");
        assertThat(ControlProtocol.parseResponse(raw(socket, "x".repeat(ControlProtocol.MAX_REQUEST_BYTES + 10)))
                .error()).startsWith("request longer than");
        assertThat(ControlProtocol.parseResponse(raw(socket, "dump\n")).error())
                .isEqualTo("dump failed: java.lang.IllegalStateException: boom");
        assertThat(s.stats().malformed()).isEqualTo(2);
    }

    @Test
    void aStaleSocketFileIsReplacedButALiveDaemonsIsNot() throws IOException {
        Path socket = tmp.resolve("stale.sock");
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(socket)); // closing it leaves the file: nobody listens
        }
        assertThat(socket).exists();
        start(socket, answering(""), true);
        assertThat(ControlProtocol.parseResponse(
                ControlClient.ask(socket, ControlProtocol.Command.STATUS, Duration.ofSeconds(5))).ok()).isTrue();

        assertThatThrownBy(() -> start(socket, answering(""), true))
                .isInstanceOf(IOException.class).hasMessageContaining("another daemon answers on");
    }

    @Test
    void closingRemovesTheSocketAndAClientThenSaysNoDaemonAnswers() throws IOException {
        Path socket = tmp.resolve("gone.sock");
        ControlServer s = start(socket, answering(""), true);
        s.close();
        assertThat(socket).doesNotExist();
        assertThatThrownBy(() -> ControlClient.ask(socket, ControlProtocol.Command.STATUS, Duration.ofSeconds(2)))
                .isInstanceOf(IOException.class);
        assertThat(deaths).isEmpty();
    }

    /** Sends {@code request} as is and reads the answer to its end. */
    private static String raw(Path socket, String request) throws IOException {
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            ByteBuffer out = ByteBuffer.wrap(request.getBytes(StandardCharsets.UTF_8));
            while (out.hasRemaining()) {
                ch.write(out);
            }
            ByteBuffer in = ByteBuffer.allocate(64 * 1024);
            while (ch.read(in) >= 0) {
                if (!in.hasRemaining()) {
                    break;
                }
            }
            return new String(in.array(), 0, in.position(), StandardCharsets.UTF_8);
        }
    }
}
