package lvsd.check.proto;

import java.io.Closeable;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import lvsd.check.Target;
import lvsd.clock.Ticker;

/**
 * The sockets of one blocking check run, all bounded by one deadline. Every blocking call gets a socket
 * timeout of the time left, and {@link #cancel()} (called by the engine at the deadline, from another
 * thread) closes every socket, which ends any blocking call at once: a trickling server cannot stretch
 * the run because the limit is the deadline, not a per-read timeout.
 */
public final class Session implements Closeable {

    private final long deadlineNanos;
    private final Ticker ticker;
    private final List<Closeable> open = new ArrayList<>();
    private volatile boolean cancelled;

    public Session(long deadlineNanos, Ticker ticker) {
        this.deadlineNanos = deadlineNanos;
        this.ticker = ticker;
    }

    /** Milliseconds left, at least 1 (0 would mean "no timeout" to java.net). Throws once past the deadline. */
    public int millisLeft() throws SocketTimeoutException {
        long left = (deadlineNanos - ticker.nanos()) / 1_000_000;
        if (left <= 0 || cancelled) {
            throw new SocketTimeoutException("deadline reached");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    /**
     * A receive= regex over server-supplied text, bounded by this run's deadline: a pattern that backtracks
     * catastrophically ends here instead of holding the thread after the engine gave up on the run.
     */
    public boolean find(String regex, CharSequence text) throws SocketTimeoutException {
        try {
            return Receive.find(regex, text, ticker, deadlineNanos);
        } catch (Receive.Deadline.Expired e) {
            throw new SocketTimeoutException("receive= match timed out");
        }
    }

    private synchronized <T extends Closeable> T track(T c) throws IOException {
        if (cancelled) {
            c.close();
            throw new SocketTimeoutException("deadline reached");
        }
        open.add(c);
        return c;
    }

    /** A TCP connection to {@code t}, optionally wrapped in TLS (certificates not verified unless asked). */
    public Socket connect(Target t, boolean tls, boolean verify) throws IOException {
        Socket s = track(new Socket());
        s.setSoLinger(true, 0);
        s.connect(new InetSocketAddress(t.address(), t.port()), millisLeft());
        s.setSoTimeout(millisLeft());
        if (!tls) {
            return s;
        }
        SSLSocket ssl = (SSLSocket) factory(verify).createSocket(s, t.address().getHostAddress(), t.port(), true);
        track(ssl);
        ssl.setSoTimeout(millisLeft());
        ssl.startHandshake();
        return ssl;
    }

    /** Wraps an already connected plain socket in TLS (STARTTLS-style upgrades). */
    public Socket upgrade(Socket plain, Target t, boolean verify) throws IOException {
        SSLSocket ssl = (SSLSocket) factory(verify).createSocket(plain, t.address().getHostAddress(), t.port(), true);
        track(ssl);
        ssl.setSoTimeout(millisLeft());
        ssl.startHandshake();
        return ssl;
    }

    public DatagramSocket udp() throws IOException {
        DatagramSocket d = track(new DatagramSocket());
        d.setSoTimeout(millisLeft());
        return d;
    }

    /** Refreshes a socket's timeout to the time left; call before each blocking read. */
    public void arm(Socket s) throws IOException {
        s.setSoTimeout(millisLeft());
    }

    public void arm(DatagramSocket s) throws IOException {
        s.setSoTimeout(millisLeft());
    }

    /** Registers something else to close at the deadline (e.g. a library's connection). */
    public void onCancel(Runnable r) throws IOException {
        track(r::run);
    }

    /** Closes every socket; safe from any thread and more than once. */
    public void cancel() {
        cancelled = true;
        close();
    }

    @Override
    public synchronized void close() {
        for (Closeable c : open) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing is all we wanted
            }
        }
        open.clear();
    }

    static SSLSocketFactory factory(boolean verify) {
        if (verify) {
            return (SSLSocketFactory) SSLSocketFactory.getDefault();
        }
        return TrustAllHolder.FACTORY;
    }

    /** ldirectord does not verify certificates for pops/imaps/ldaps either. */
    private static final class TrustAllHolder {
        static final SSLSocketFactory FACTORY = make();

        private static SSLSocketFactory make() {
            try {
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(null, new TrustManager[] {TrustAll.INSTANCE}, null);
                return ctx.getSocketFactory();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("no TLS in this JVM", e);
            }
        }
    }
}
