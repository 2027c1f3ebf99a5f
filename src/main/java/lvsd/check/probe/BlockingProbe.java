package lvsd.check.probe;

import java.io.IOException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import lvsd.check.CheckResult;
import lvsd.check.CheckSpec;
import lvsd.check.Probe;
import lvsd.check.proto.Dialogs;
import lvsd.check.proto.DnsCheck;
import lvsd.check.proto.LdapCheck;
import lvsd.check.proto.MysqlCheck;
import lvsd.check.proto.PgsqlCheck;
import lvsd.check.proto.RadiusCheck;
import lvsd.check.proto.Session;
import lvsd.clock.Ticker;

/**
 * The protocol checks written as plain blocking dialogs (mail, ftp, sip, dns, radius, sql, ldap). Each run
 * takes a thread from an elastic pool for at most its deadline: the engine's cancel closes the run's
 * sockets, which ends any blocking call at once. These checks are few next to connect and HTTP checks,
 * so a thread per run in flight costs little and keeps the dialogs readable; a full pool reports the
 * check as down rather than queueing it behind others.
 */
public final class BlockingProbe implements Probe, AutoCloseable {

    private final Ticker ticker;
    private final ThreadPoolExecutor pool;

    public BlockingProbe(Ticker ticker, int maxThreads) {
        this.ticker = ticker;
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(0, maxThreads, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(null, r, "lvsd-check-dialog-" + n.incrementAndGet(), 256 * 1024);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public Cancel start(CheckSpec spec, long deadlineNanos, Consumer<CheckResult> done) {
        Session session = new Session(deadlineNanos, ticker);
        try {
            pool.execute(() -> {
                CheckResult r;
                try {
                    r = run(spec, session);
                } catch (java.net.SocketTimeoutException e) {
                    r = new CheckResult.TimedOut(ConnectProbe.reason(e)); // the session's deadline, seen first by the socket
                } catch (IOException | RuntimeException e) {
                    r = new CheckResult.Down(ConnectProbe.reason(e));
                } finally {
                    session.close();
                }
                done.accept(r);
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            done.accept(new CheckResult.Down("too many protocol checks in flight (" + pool.getMaximumPoolSize() + ")"));
        }
        return session::cancel;
    }

    static CheckResult run(CheckSpec spec, Session s) throws IOException {
        if (spec instanceof CheckSpec.Dialog d) {
            return Dialogs.run(d, s);
        } else if (spec instanceof CheckSpec.Dns d) {
            return DnsCheck.run(d, s);
        } else if (spec instanceof CheckSpec.Radius r) {
            return RadiusCheck.run(r, s);
        } else if (spec instanceof CheckSpec.Sql q) {
            return q.kind() == CheckSpec.SqlKind.MYSQL ? MysqlCheck.run(q, s) : PgsqlCheck.run(q, s);
        } else if (spec instanceof CheckSpec.Ldap l) {
            return LdapCheck.run(l, s);
        }
        throw new IllegalArgumentException("not a blocking check: " + spec.getClass().getSimpleName());
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
