package lvsd.check.proto;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.security.SecureRandom;
import lvsd.check.CheckResult;
import lvsd.check.CheckSpec;

/** service=radius: up on Access-Accept (as ldirectord's check_pwd); Reject is down; forged replies ignored. */
public final class RadiusCheck {
    private static final SecureRandom RANDOM = new SecureRandom();

    private RadiusCheck() {
    }

    public static CheckResult run(CheckSpec.Radius r, Session s) throws IOException {
        byte[] auth = new byte[16];
        RANDOM.nextBytes(auth);
        int id = RANDOM.nextInt(256);
        byte[] req = RadiusCodec.accessRequest(id, auth, r.login(), r.passwd(), r.secret());
        DatagramSocket u = s.udp();
        u.connect(r.target().socketAddress());
        u.send(new DatagramPacket(req, req.length));
        byte[] buf = new byte[4096];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        while (true) {
            s.arm(u);
            u.receive(p);
            int code = RadiusCodec.replyCode(buf, p.getLength(), id, auth, r.secret());
            switch (code) {
                case RadiusCodec.ACCESS_ACCEPT:
                    return CheckResult.Up.PLAIN;
                case RadiusCodec.ACCESS_REJECT:
                    return new CheckResult.Down("RADIUS Access-Reject for " + r.login());
                case RadiusCodec.ACCESS_CHALLENGE:
                    return new CheckResult.Down("RADIUS Access-Challenge (not supported by the check)");
                default:
                    // not ours or wrong secret: keep waiting; the deadline ends the run
            }
        }
    }
}
