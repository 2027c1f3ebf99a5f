package lvsd.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntUnaryOperator;

/**
 * The IPVS sysctls (of the director's network namespace) without which a quiesced or deleted real still gets new
 * connections. IPVS looks a SYN up in its connection table before scheduling it: a client that reuses a source port
 * (a busy client, or many clients behind one NAT) hits the entry of its previous connection, and by default that
 * entry sends the SYN to the previous connection's real whatever its weight. In LVS-DR the director sees only the
 * client's packets, so a closed connection's entry sits in FIN_WAIT for two minutes, and the default
 * {@code conn_reuse_mode=1} reschedules only TIME_WAIT and CLOSE entries: the dead real keeps answering those SYNs
 * with "connection refused" long after lvsd set its weight to 0 (issue 10).
 *
 * <ul>
 *   <li>{@code expire_nodest_conn=1}: a new connection on the entry of a weight-0 real is scheduled again, and an
 *       entry whose real was deleted expires at its next packet instead of dropping packets until its timeout;</li>
 *   <li>{@code conn_reuse_mode} gets bit 2 (1 → 3): a new connection on a FIN_WAIT entry of a DR/TUN service is
 *       scheduled again (also for deleted reals, whose SYN would otherwise be dropped once). An operator's 0 (no
 *       rescheduling at all) is left alone, with a warning;</li>
 *   <li>{@code expire_quiescent_template=1}: a persistence template of a weight-0 real expires, so a persistent
 *       client is scheduled to a live real.</li>
 * </ul>
 *
 * Established connections to a quiesced real are untouched (the point of quiescing). The values are checked at
 * every cycle, as the table is: reloading ip_vs resets them. Each change is logged with the old value.
 */
public final class IpvsSysctls {

    /** Reads and writes one sysctl file of {@code net/ipv4/vs}. */
    public interface Proc {
        /** The value, trimmed; throws {@link NoSuchFileException} when the kernel has no such sysctl. */
        String read(String name) throws IOException;

        void write(String name, String value) throws IOException;

        /** /proc/sys/net/ipv4/vs of the calling thread's network namespace. */
        static Proc under(Path dir) {
            return new Proc() {
                @Override
                public String read(String name) throws IOException {
                    return Files.readString(dir.resolve(name), StandardCharsets.US_ASCII).trim();
                }

                @Override
                public void write(String name, String value) throws IOException {
                    Files.writeString(dir.resolve(name), value + "\n", StandardCharsets.US_ASCII);
                }
            };
        }
    }

    /** One sysctl: the value wanted from the current one (the same value = leave it). */
    record Wanted(String name, IntUnaryOperator wanted, String why) {}

    static final List<Wanted> WANTED = List.of(
            new Wanted("expire_nodest_conn", v -> 1,
                    "new connections from a reused client port are not sent to a quiesced real"),
            new Wanted("conn_reuse_mode", v -> v == 0 ? 0 : v | 2,
                    "LVS-DR: a new connection on a closed connection's FIN_WAIT entry is scheduled again"),
            new Wanted("expire_quiescent_template", v -> 1,
                    "persistence templates of a quiesced real expire"));

    public static final Path PROC = Path.of("/proc/sys/net/ipv4/vs");

    private final Proc proc;
    private final DaemonLog log;
    private final Set<String> warned = new HashSet<>();

    public IpvsSysctls(Proc proc, DaemonLog log) {
        this.proc = proc;
        this.log = log;
    }

    /** Sets what differs (logging each change); a failure is a warning, once per sysctl and message. */
    public void ensure() {
        for (Wanted w : WANTED) {
            String current;
            try {
                current = proc.read(w.name());
            } catch (NoSuchFileException e) {
                continue; // an older kernel without this sysctl: nothing to set
            } catch (IOException e) {
                warnOnce(w.name(), "cannot read net.ipv4.vs." + w.name() + ": " + e.getMessage());
                continue;
            }
            int value;
            try {
                value = Integer.parseInt(current);
            } catch (NumberFormatException e) {
                warnOnce(w.name(), "net.ipv4.vs." + w.name() + " reads [" + current + "], not a number");
                continue;
            }
            int want = w.wanted().applyAsInt(value);
            if (want == value) {
                if (w.name().equals("conn_reuse_mode") && value == 0) {
                    warnOnce(w.name(), "net.ipv4.vs.conn_reuse_mode is 0 (set by the operator?): lvsd leaves it,"
                            + " so in LVS-DR a client reusing a source port may still reach a quiesced real");
                }
                continue;
            }
            try {
                proc.write(w.name(), Integer.toString(want));
                log.info("set net.ipv4.vs." + w.name() + "=" + want + " (was " + value + "): " + w.why());
            } catch (IOException e) {
                warnOnce(w.name(), "cannot set net.ipv4.vs." + w.name() + "=" + want + " (" + e.getMessage() + "): "
                        + w.why() + " only once it is set");
            }
        }
    }

    private void warnOnce(String name, String line) {
        if (warned.add(name + "\n" + line)) {
            log.warn(line);
        }
    }
}
