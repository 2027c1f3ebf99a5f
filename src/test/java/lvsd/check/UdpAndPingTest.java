package lvsd.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** SIP over UDP against a minimal SIP responder, and ICMP echo (raw socket, needs root) on loopback. */
class UdpAndPingTest {
    static EngineHarness h;
    static final Duration T = Duration.ofSeconds(10);

    @BeforeAll
    static void setUp() {
        h = new EngineHarness();
    }

    @AfterAll
    static void tearDown() {
        h.close();
    }

    /** Answers each OPTIONS with {@code status}, echoing Via/From/To/Call-ID/CSeq as RFC 3261 asks. */
    static Thread sipResponder(DatagramSocket s, String status) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[4096];
            while (!s.isClosed()) {
                try {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    s.receive(p);
                    String req = new String(buf, 0, p.getLength(), StandardCharsets.UTF_8);
                    StringBuilder resp = new StringBuilder("SIP/2.0 " + status + "\r\n");
                    for (String line : req.split("\r\n")) {
                        if (line.matches("(?i)(Via|From|To|Call-ID|CSeq):.*")) {
                            resp.append(line).append("\r\n");
                        }
                    }
                    byte[] out = resp.append("Content-Length: 0\r\n\r\n").toString().getBytes(StandardCharsets.UTF_8);
                    s.send(new DatagramPacket(out, out.length, p.getSocketAddress()));
                } catch (java.io.IOException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    void sipOverUdp() throws Exception {
        try (DatagramSocket ok = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                DatagramSocket busy = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            sipResponder(ok, "200 OK");
            sipResponder(busy, "486 Busy Here");
            Target a = new Target(InetAddress.getLoopbackAddress(), ok.getLocalPort());
            Target b = new Target(InetAddress.getLoopbackAddress(), busy.getLocalPort());
            assertThat(h.once(new CheckSpec.Dialog(CheckSpec.Service.SIP, a, false, true, "", "", "", "", T)).result())
                    .isEqualTo(CheckResult.Up.PLAIN);
            assertThat(h.once(new CheckSpec.Dialog(CheckSpec.Service.SIP, b, false, true, "", "", "", "", T)).result())
                    .isEqualTo(new CheckResult.Down("SIP: SIP/2.0 486 Busy Here"));
        }
    }

    @Test
    @Tag("netns")
    void pingLoopbackOverIpv4AndIpv6() throws Exception {
        Target lo = new Target(InetAddress.getByName("127.0.0.1"), 0);
        assertThat(h.once(new CheckSpec.Ping(lo, 1, T)).result()).isEqualTo(CheckResult.Up.PLAIN);
        Target lo6 = new Target(InetAddress.getByName("::1"), 0);
        assertThat(h.once(new CheckSpec.Ping(lo6, 1, T)).result()).isEqualTo(CheckResult.Up.PLAIN);
    }
}
