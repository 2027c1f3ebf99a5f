package lvsd.check.proto;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** CRLF/LF text lines over a socket, with a line-length limit so a hostile server cannot fill memory. */
public final class LineIo {
    static final int MAX_LINE = 8192;

    private final Session session;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    public LineIo(Session session, Socket socket) throws IOException {
        this.session = session;
        use(socket);
    }

    /** Switches to another socket over the same connection (after a TLS upgrade). */
    public void use(Socket s) throws IOException {
        this.socket = s;
        this.in = new java.io.BufferedInputStream(s.getInputStream());
        this.out = s.getOutputStream();
    }

    public Socket socket() {
        return socket;
    }

    /** One line without its terminator; EOFException when the server closes first. */
    public String readLine() throws IOException {
        session.arm(socket);
        ByteArrayOutputStream b = new ByteArrayOutputStream(128);
        while (true) {
            int c = in.read();
            if (c < 0) {
                if (b.size() == 0) {
                    throw new EOFException("connection closed by server");
                }
                break;
            }
            if (c == '\n') {
                break;
            }
            if (b.size() >= MAX_LINE) {
                throw new IOException("line longer than " + MAX_LINE + " bytes");
            }
            b.write(c);
        }
        String s = b.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    /** Reads a reply with SMTP/FTP continuation ("250-..." lines then "250 ..."); returns the last line. */
    public String readReply() throws IOException {
        String line = readLine();
        if (line.length() >= 4 && line.charAt(3) == '-') {
            String code = line.substring(0, 3);
            do {
                line = readLine();
            } while (!(line.startsWith(code) && (line.length() == 3 || line.charAt(3) == ' ')));
        }
        return line;
    }

    public void send(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    public InputStream in() {
        return in;
    }
}
