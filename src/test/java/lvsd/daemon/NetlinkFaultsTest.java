package lvsd.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lvsd.config.NameResolver;
import lvsd.ipvs.IpvsClient;
import lvsd.ipvs.IpvsOp;
import lvsd.ipvs.NetlinkIpvsFake;
import lvsd.ipvs.ServiceKey;
import lvsd.ipvs.ServiceState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The daemon loop, the real parser and director, and the real netlink client over a fake IPVS kernel at the
 * {@code Transport} seam that misbehaves: each fault is reported as a clear error, counted, and the daemon
 * converges on the next cycle at the latest.
 */
class NetlinkFaultsTest {

    private static final Path FILE = Path.of("/etc/lvsd/l.cf");

    private final NetlinkIpvsFake fake = new NetlinkIpvsFake();
    private final IpvsKernel kernel = new IpvsKernel(fake::open, log());
    private final List<String> logged = new ArrayList<>();
    private final LoopClock clock = new LoopClock(0);
    private String content;
    private DaemonLoop<LvsdConfig> loop;

    /** One virtual with {@code reals} reals 10.1.x.y:80, weight 1. */
    private static String cf(int reals) {
        StringBuilder b = new StringBuilder("virtual=192.168.10.1:80\n    checktype=on\n    scheduler=wrr\n");
        for (int i = 0; i < reals; i++) {
            b.append("    real=10.1.").append(i / 250).append('.').append(i % 250 + 1).append(":80 gate 1\n");
        }
        return b.toString();
    }

    private static String table(int reals) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < reals; i++) {
            b.append("-a -t 192.168.10.1:80 -r 10.1.").append(i / 250).append('.').append(i % 250 + 1)
                    .append(":80 -g -w 1\n");
        }
        List<String> lines = new ArrayList<>(List.of(b.toString().split("\n")));
        lines.sort(null);
        return "-A -t 192.168.10.1:80 -s wrr\n" + String.join("\n", lines) + "\n";
    }

    private DaemonLog log() {
        return DaemonLog.into(line -> logged.add(line));
    }

    private String sortedSave() {
        List<String> lines = new ArrayList<>(List.of(fake.save().split("\n")));
        String first = lines.remove(0);
        lines.sort(null);
        return first + "\n" + String.join("\n", lines) + "\n";
    }

    @BeforeEach
    void start() {
        content = cf(3);
        LvsdBackend backend = new LvsdBackend(kernel, LvsdBackend.HealthSource.assumeUp(), NameResolver.system(),
                clock, (argv, d) -> {});
        loop = new DaemonLoop<>(FILE, backend, f -> content.getBytes(StandardCharsets.UTF_8), clock,
                Timing.defaults(), log(), Lifecycle.NONE);
        assertThat(loop.start()).isEmpty();
        assertThat(sortedSave()).isEqualTo(table(3));
        logged.clear();
    }

    /** Removes the first real behind lvsd's back, so the next cycle has something to repair. */
    private void deleteARealBehindItsBack() throws Exception {
        try (IpvsClient other = fake.open()) {
            ServiceState s = other.services().get(0);
            ServiceKey key = s.key();
            other.apply(IpvsOp.DeleteDestination.of(key, other.destinations(key).get(0).destination()));
        }
        assertThat(sortedSave()).isNotEqualTo(table(3));
    }

    private void resync() {
        clock.advance(loop, Timing.defaults().resync());
    }

    @Test
    void aBatchThatFailsHalfWayIsFinishedByTheNextCycle() {
        content = cf(2000); // about 280 KiB of requests: three datagrams
        fake.failAfterDatagrams(1);
        loop.handle(new Event.Reload("test"));
        clock.advance(loop, Timing.defaults().settle());

        assertThat(loop.state().cycleFailures()).isEqualTo(1);
        assertThat(String.join("\n", logged)).contains("sending IPVS changes: sendto: ")
                .contains("the netlink socket is reopened at the next cycle");
        int appliedByTheFirstDatagram = fake.snapshot().services().get(0).destinations().size();
        assertThat(appliedByTheFirstDatagram).isBetween(4, 1999);

        resync();
        assertThat(sortedSave()).isEqualTo(table(2000));
        assertThat(loop.state().cycleFailures()).isEqualTo(1);
        assertThat(kernel.opens()).isEqualTo(2);
        // the second cycle sent only what was missing
        assertThat(loop.state().lastCycleOps()).isEqualTo(2000 - appliedByTheFirstDatagram);
    }

    @Test
    void oneEnobufsDuringADumpIsRetriedWithinTheCycle() throws Exception {
        deleteARealBehindItsBack();
        fake.overrunDumps(1);
        resync();
        assertThat(sortedSave()).isEqualTo(table(3));
        assertThat(loop.state().cycleFailures()).isZero();
        assertThat(kernel.opens()).isEqualTo(1);
    }

    @Test
    void enobufsOnEveryDumpRetryFailsTheCycleAndTheNextOneConverges() throws Exception {
        deleteARealBehindItsBack();
        fake.overrunDumps(8); // four attempts per dump, and one more dump on a fresh socket
        resync();
        assertThat(loop.state().cycleFailures()).isEqualTo(1);
        assertThat(String.join("\n", logged)).contains("reconcile (resync) failed: ").contains("No buffer space");
        resync();
        assertThat(sortedSave()).isEqualTo(table(3));
        assertThat(loop.state().cycleFailures()).isEqualTo(1);
    }

    @Test
    void repliesWithAWrongSequenceNumberFailTheCycleAndTheNextOneConverges() throws Exception {
        deleteARealBehindItsBack();
        fake.wrongSeq(3); // the info reply and its ACK, then the family reply on the fresh socket
        resync();
        assertThat(loop.state().cycleFailures()).isEqualTo(1);
        assertThat(String.join("\n", logged))
                .contains("reading IPVS info: recvfrom (timed out waiting for the kernel)")
                .contains("resolving the IPVS netlink family: malformed netlink data: no NEWFAMILY reply");
        resync();
        assertThat(sortedSave()).isEqualTo(table(3));
        assertThat(fake.sockets).as("start, the test's own, the failed reopen, the next cycle").isEqualTo(4);
        assertThat(kernel.opens()).isEqualTo(2);
    }

    @Test
    void aTruncatedAttributeFailsTheCycleWithTheReasonAndTheNextOneConverges() throws Exception {
        deleteARealBehindItsBack();
        fake.truncate(2);
        resync();
        assertThat(loop.state().cycleFailures()).isEqualTo(1);
        assertThat(String.join("\n", logged)).contains("listing services: malformed netlink data: attribute length");
        resync();
        assertThat(sortedSave()).isEqualTo(table(3));
    }

    @Test
    void aReloadedIpvsModuleIsFoundAgainInTheSameCycle() {
        fake.reloadModule(); // new family id, empty table
        resync();
        assertThat(sortedSave()).isEqualTo(table(3));
        assertThat(loop.state().cycleFailures()).isZero();
        assertThat(kernel.opens()).isEqualTo(2);
        assertThat(String.join("\n", logged)).contains("reopening the netlink socket and resolving the IPVS family");
    }
}
