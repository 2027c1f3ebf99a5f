package lvsd.check.probe;

import com.sun.jna.LastErrorException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import lvsd.check.CheckResult;
import lvsd.check.CheckSpec;
import lvsd.check.Probe;
import lvsd.sys.IcmpEcho;
import lvsd.clock.Ticker;

/**
 * checktype=ping: up to {@code count} ICMP echoes, each allowed the whole time left (ldirectord gives
 * each attempt checktimeout; here one deadline bounds them all). Each run has its own short-lived
 * thread, which polls in slices and so ends within ~50 ms of a cancel.
 */
public final class PingProbe implements Probe {
    private static final AtomicInteger SEQ = new AtomicInteger();
    private final Ticker ticker;
    private final int id = (int) (ProcessHandle.current().pid() & 0xffff);

    PingProbe(Ticker ticker) {
        this.ticker = ticker;
    }

    @Override
    public Cancel start(CheckSpec spec, long deadlineNanos, Consumer<CheckResult> done) {
        CheckSpec.Ping p = (CheckSpec.Ping) spec;
        AtomicBoolean cancelled = new AtomicBoolean();
        Thread t = new Thread(() -> {
            CheckResult r = new CheckResult.Down("no echo reply from " + p.target().address().getHostAddress());
            try {
                for (int i = 0; i < p.count() && !cancelled.get(); i++) {
                    long attemptEnd = ticker.nanos() + (deadlineNanos - ticker.nanos()) / (p.count() - i);
                    if (IcmpEcho.ping(p.target().address(), id, SEQ.incrementAndGet() & 0xffff, attemptEnd,
                            ticker::nanos, cancelled::get)) {
                        r = CheckResult.Up.PLAIN;
                        break;
                    }
                }
            } catch (LastErrorException e) {
                r = new CheckResult.Down("ping: errno " + e.getErrorCode() + " (raw sockets need CAP_NET_RAW)");
            }
            done.accept(r);
        }, "lvsd-check-ping");
        t.setDaemon(true);
        t.start();
        return () -> cancelled.set(true);
    }
}
