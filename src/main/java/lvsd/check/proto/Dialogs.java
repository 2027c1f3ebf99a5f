package lvsd.check.proto;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lvsd.check.CheckResult;
import lvsd.check.CheckSpec;
import lvsd.check.Target;

/**
 * The line-protocol negotiate checks, each speaking just enough of its protocol to show the service
 * works, with the same pass rules as ldirectord (see the check docs). They block, inside a
 * {@link Session} whose deadline the engine enforces by closing the sockets.
 */
public final class Dialogs {
    private static final Pattern PASV = Pattern.compile("\\((\\d+),(\\d+),(\\d+),(\\d+),(\\d+),(\\d+)\\)");
    private static final Pattern EPSV = Pattern.compile("\\(\\|\\|\\|(\\d+)\\|\\)");
    static final int FILE_LIMIT = 256 * 1024;

    private Dialogs() {
    }

    public static CheckResult run(CheckSpec.Dialog d, Session s) throws IOException {
        if (d.service() == CheckSpec.Service.SIP && d.udp()) {
            return sipUdp(d, s);
        }
        LineIo io = new LineIo(s, s.connect(d.target(), d.tls(), false));
        return switch (d.service()) {
            case SMTP -> smtp(io);
            case NNTP -> nntp(io);
            case POP -> pop(d, io);
            case IMAP -> imap(d, io);
            case FTP -> ftp(d, s, io);
            case SIMPLETCP -> simpletcp(d, io);
            case SIP -> sipTcp(d, io);
        };
    }

    private static CheckResult down(String why) {
        return new CheckResult.Down(why);
    }

    static CheckResult smtp(LineIo io) throws IOException {
        String greeting = io.readReply();
        if (!greeting.startsWith("2")) {
            return down("SMTP greeting: " + greeting);
        }
        io.send("QUIT");
        return CheckResult.Up.PLAIN;
    }

    static CheckResult nntp(LineIo io) throws IOException {
        String banner = io.readLine();
        if (!banner.startsWith("2")) {
            return down("NNTP banner: " + banner);
        }
        io.send("QUIT");
        return CheckResult.Up.PLAIN;
    }

    static CheckResult pop(CheckSpec.Dialog d, LineIo io) throws IOException {
        String greeting = io.readLine();
        if (!greeting.startsWith("+OK")) {
            return down("POP3 greeting: " + greeting);
        }
        if (!d.login().isEmpty()) {
            io.send("USER " + d.login());
            String r = io.readLine();
            if (!r.startsWith("+OK")) {
                return down("POP3 USER: " + r);
            }
            io.send("PASS " + d.passwd());
            r = io.readLine();
            if (!r.startsWith("+OK")) {
                return down("POP3 login failed: " + r);
            }
        }
        io.send("QUIT");
        return CheckResult.Up.PLAIN;
    }

    static CheckResult imap(CheckSpec.Dialog d, LineIo io) throws IOException {
        String greeting = io.readLine();
        if (!greeting.startsWith("* OK") && !greeting.startsWith("* PREAUTH")) {
            return down("IMAP greeting: " + greeting);
        }
        if (!d.login().isEmpty()) {
            io.send("a1 LOGIN " + imapString(d.login()) + " " + imapString(d.passwd()));
            String r;
            do {
                r = io.readLine();
            } while (r.startsWith("* "));
            if (!r.startsWith("a1 OK")) {
                return down("IMAP login failed: " + r);
            }
        }
        io.send("a2 LOGOUT");
        return CheckResult.Up.PLAIN;
    }

    /** An IMAP quoted string; quotes and backslashes escaped. */
    static String imapString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static CheckResult ftp(CheckSpec.Dialog d, Session s, LineIo io) throws IOException {
        String r = io.readReply();
        if (!r.startsWith("220")) {
            return down("FTP greeting: " + r);
        }
        io.send("USER " + (d.login().isEmpty() ? "anonymous" : d.login()));
        r = io.readReply();
        if (r.startsWith("331")) {
            io.send("PASS " + d.passwd());
            r = io.readReply();
        }
        if (!r.startsWith("230")) {
            return down("FTP login failed: " + r);
        }
        String file = d.request().startsWith("/") ? d.request().substring(1) : d.request();
        if (file.isEmpty()) {
            io.send("QUIT");
            return CheckResult.Up.PLAIN; // logged in; nothing to fetch
        }
        io.send("TYPE I");
        r = io.readReply();
        if (!r.startsWith("200")) {
            return down("FTP TYPE I: " + r);
        }
        boolean v6 = d.target().address() instanceof java.net.Inet6Address;
        io.send(v6 ? "EPSV" : "PASV");
        r = io.readReply();
        int port = v6 ? epsvPort(r) : pasvPort(r);
        if (port <= 0) {
            return down("FTP passive mode refused: " + r);
        }
        // Connect to the server's own address, whatever PASV says: never follow a reply elsewhere.
        Socket data = s.connect(new Target(d.target().address(), port), false, false);
        io.send("RETR " + file);
        r = io.readReply();
        if (!r.startsWith("150") && !r.startsWith("125")) {
            return down("FTP RETR " + file + ": " + r);
        }
        String content = readAll(s, data);
        r = io.readReply();
        if (!r.startsWith("226") && !r.startsWith("250")) {
            return down("FTP transfer of " + file + " failed: " + r);
        }
        io.send("QUIT");
        if (!d.receive().isEmpty() && !s.find(d.receive(), content)) {
            return down("FTP file " + file + " does not match /" + d.receive() + "/");
        }
        return CheckResult.Up.PLAIN;
    }

    static int pasvPort(String reply) {
        Matcher m = PASV.matcher(reply);
        return reply.startsWith("227") && m.find() ? Integer.parseInt(m.group(5)) * 256 + Integer.parseInt(m.group(6)) : -1;
    }

    static int epsvPort(String reply) {
        Matcher m = EPSV.matcher(reply);
        return reply.startsWith("229") && m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static String readAll(Session s, Socket data) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        InputStream in = data.getInputStream();
        byte[] buf = new byte[8192];
        while (true) {
            s.arm(data);
            int n = in.read(buf);
            if (n < 0) {
                break;
            }
            b.write(buf, 0, Math.min(n, Math.max(0, FILE_LIMIT - b.size())));
        }
        data.close();
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    /** Sends request (with "\n" written as a backslash-n in the config turned into a newline), half-closes, waits for a matching line. */
    static CheckResult simpletcp(CheckSpec.Dialog d, LineIo io) throws IOException {
        String req = d.request().startsWith("/") ? d.request().substring(1) : d.request();
        io.sendRaw(req.replace("\\n", "\n").getBytes(StandardCharsets.ISO_8859_1));
        io.socket().shutdownOutput();
        if (d.receive().isEmpty()) {
            return CheckResult.Up.PLAIN; // ldirectord leaves this undefined; lvsd: connected and sent
        }
        while (true) {
            String line;
            try {
                line = io.readLine();
            } catch (java.io.EOFException e) {
                return down("simpletcp: no line matched /" + d.receive() + "/ before the server closed");
            }
            if (Receive.find(d.receive(), line)) {
                return CheckResult.Up.PLAIN;
            }
        }
    }

    static String sipOptions(CheckSpec.Dialog d, String transport, int localPort) {
        String host = d.target().toString();
        String from = d.login().isEmpty() ? "lvsd@localhost" : d.login();
        return "OPTIONS sip:" + host + " SIP/2.0\r\n"
                + "Via: SIP/2.0/" + transport + " 127.0.0.1:" + localPort + ";branch=z9hG4bK" + Long.toHexString(System.nanoTime()) + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:" + from + ">;tag=lvsd\r\n"
                + "To: <sip:" + host + ">\r\n"
                + "Call-ID: " + Long.toHexString(System.nanoTime()) + "@lvsd\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "Accept: application/sdp\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    static CheckResult sipStatus(String statusLine) {
        return statusLine.startsWith("SIP/2.0 200 OK") ? CheckResult.Up.PLAIN : down("SIP: " + statusLine);
    }

    static CheckResult sipTcp(CheckSpec.Dialog d, LineIo io) throws IOException {
        io.sendRaw(sipOptions(d, "TCP", io.socket().getLocalPort()).getBytes(StandardCharsets.UTF_8));
        return sipStatus(io.readLine());
    }

    static CheckResult sipUdp(CheckSpec.Dialog d, Session s) throws IOException {
        DatagramSocket u = s.udp();
        u.connect(d.target().socketAddress());
        byte[] req = sipOptions(d, "UDP", u.getLocalPort()).getBytes(StandardCharsets.UTF_8);
        u.send(new DatagramPacket(req, req.length));
        byte[] buf = new byte[4096];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        s.arm(u);
        u.receive(p);
        String text = new String(buf, 0, p.getLength(), StandardCharsets.UTF_8);
        int eol = text.indexOf("\r\n");
        return sipStatus(eol < 0 ? text : text.substring(0, eol));
    }
}
