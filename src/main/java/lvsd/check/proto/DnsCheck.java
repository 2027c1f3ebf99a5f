package lvsd.check.proto;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import lvsd.check.CheckResult;
import lvsd.check.CheckSpec;

/** service=dns: query over UDP (TCP for a tcp virtual); up when an A address or PTR name matches receive. */
public final class DnsCheck {
    private DnsCheck() {
    }

    public static CheckResult run(CheckSpec.Dns d, Session s) throws IOException {
        int id = ThreadLocalRandom.current().nextInt(0x10000);
        byte[] q = DnsCodec.query(id, d.name());
        byte[] reply;
        int len;
        if (d.tcp()) {
            Socket sock = s.connect(d.target(), false, false);
            OutputStream out = sock.getOutputStream();
            byte[] framed = new byte[q.length + 2];
            framed[0] = (byte) (q.length >> 8);
            framed[1] = (byte) q.length;
            System.arraycopy(q, 0, framed, 2, q.length);
            out.write(framed);
            out.flush();
            DataInputStream in = new DataInputStream(sock.getInputStream());
            len = in.readUnsignedShort();
            reply = new byte[len];
            in.readFully(reply);
        } else {
            DatagramSocket u = s.udp();
            u.connect(d.target().socketAddress());
            u.send(new DatagramPacket(q, q.length));
            reply = new byte[4096];
            DatagramPacket p = new DatagramPacket(reply, reply.length);
            while (true) {
                s.arm(u);
                u.receive(p);
                if (p.getLength() >= 2 && (((reply[0] & 0xff) << 8) | (reply[1] & 0xff)) == id) {
                    break; // a stray datagram with another id is ignored, not judged
                }
            }
            len = p.getLength();
        }
        return judge(reply, len, id, d.receive());
    }

    static CheckResult judge(byte[] reply, int len, int id, String receive) {
        List<String> answers;
        try {
            answers = DnsCodec.answers(reply, len, id);
        } catch (DnsCodec.DnsException e) {
            return new CheckResult.Down("DNS: " + e.getMessage());
        }
        if (receive.isEmpty()) {
            return new CheckResult.Down("DNS: no receive= pattern (ldirectord treats this as down)");
        }
        for (String a : answers) {
            if (Receive.find(receive, a)) {
                return CheckResult.Up.PLAIN;
            }
        }
        return new CheckResult.Down("DNS: no answer matches /" + receive + "/ in " + answers);
    }
}
