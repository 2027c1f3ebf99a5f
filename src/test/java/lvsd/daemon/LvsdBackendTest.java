package lvsd.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import lvsd.config.Config;
import lvsd.config.NameResolver;
import lvsd.ipvs.IpvsOp;
import org.junit.jupiter.api.Test;

/**
 * The loop with the real config parser and director over an in-memory kernel: the reload scenarios of the
 * issue, checked in ipvsadm-save form, plus the number of kernel writes each one costs.
 */
class LvsdBackendTest {

    private static final Path FILE = Path.of("/etc/lvsd/l.cf");

    private final MemoryKernel kernel = new MemoryKernel();
    private final List<List<String>> launched = new ArrayList<>();
    private final List<String> logged = new ArrayList<>();
    private long now = 0;
    private String content;

    private static String cf(String extraGlobals, String weight2) {
        return extraGlobals + """
                virtual=192.168.10.1:80
                    checktype=on
                    real=10.0.0.2:80 gate 1
                    real=10.0.0.3:80 gate %s
                    scheduler=wrr
                virtual=192.168.10.2:443
                    checktype=on
                    real=10.0.0.2:443 masq 5
                    scheduler=wlc
                    persistent=300
                """.formatted(weight2);
    }

    private static final String TABLE = """
            -A -t 192.168.10.1:80 -s wrr
            -a -t 192.168.10.1:80 -r 10.0.0.2:80 -g -w 1
            -a -t 192.168.10.1:80 -r 10.0.0.3:80 -g -w 2
            -A -t 192.168.10.2:443 -s wlc -p 300
            -a -t 192.168.10.2:443 -r 10.0.0.2:443 -m -w 5
            """;

    private static final String FOREIGN = """
            -A -t 192.168.99.9:25 -s rr
            -a -t 192.168.99.9:25 -r 10.0.0.9:25 -m -w 3
            """;

    private DaemonLoop<Config> newLoop() {
        LvsdBackend backend = new LvsdBackend(kernel, LvsdBackend.HealthSource.assumeUp(), NameResolver.system(),
                Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), (argv, d) -> launched.add(argv));
        DaemonLog log = new DaemonLog() {
            @Override
            public void info(String line) {
                logged.add(line);
            }

            @Override
            public void warn(String line) {
                logged.add(line);
            }

            @Override
            public void error(String line) {
                logged.add(line);
            }
        };
        return new DaemonLoop<>(FILE, backend, f -> content.getBytes(StandardCharsets.UTF_8), () -> now,
                Timing.defaults(), log, Lifecycle.NONE);
    }

    private void advance(DaemonLoop<Config> loop, Duration d) {
        long end = now + d.toNanos();
        for (int guard = 0; guard < 100_000; guard++) {
            long wait = loop.nanosUntilDue();
            if (wait == Long.MAX_VALUE || now + wait > end) {
                break;
            }
            now += wait;
            loop.runDue();
        }
        now = end;
    }

    @Test
    void startBuildsTheTableAndLeavesAForeignServiceAlone() {
        kernel.ipvsadm(FOREIGN);
        content = cf("", "2");
        DaemonLoop<Config> loop = newLoop();
        assertThat(loop.start()).isEmpty();
        assertThat(kernel.save()).isEqualTo(FOREIGN + TABLE);
        assertThat(kernel.written).hasSize(5);
    }

    @Test
    void aWeightChangeInTheFileIsExactlyOneKernelWrite() {
        content = cf("autoreload=yes\n", "2");
        DaemonLoop<Config> loop = newLoop();
        loop.start();
        kernel.written.clear();
        content = cf("autoreload=yes\n", "7");
        advance(loop, Duration.ofMillis(1250));
        assertThat(kernel.written).hasSize(1);
        assertThat(kernel.written.get(0)).isInstanceOf(IpvsOp.EditDestination.class);
        assertThat(kernel.save()).isEqualTo(TABLE.replace("10.0.0.3:80 -g -w 2", "10.0.0.3:80 -g -w 7"));
    }

    @Test
    void anInvalidEditLeavesTheTableByteIdentical() {
        kernel.ipvsadm(FOREIGN);
        content = cf("autoreload=yes\n", "2");
        DaemonLoop<Config> loop = newLoop();
        loop.start();
        String before = kernel.save();
        kernel.written.clear();
        content = cf("autoreload=yes\n", "2").replace("scheduler=wlc", "scheduler=wlc\n    bogus=1");
        advance(loop, Duration.ofSeconds(12));
        assertThat(kernel.save()).isEqualTo(before);
        assertThat(kernel.written).isEmpty();
        assertThat(logged).anyMatch(l -> l.startsWith("/etc/lvsd/l.cf:11: "));
        assertThat(loop.state().reloadsRejected()).isEqualTo(1);
    }

    @Test
    void aHandDeletedDestinationIsRestoredAtTheNextResync() {
        content = cf("", "2");
        DaemonLoop<Config> loop = newLoop();
        loop.start();
        kernel.apply(List.of(new IpvsOp.DeleteDestination(kernel.table.services().get(0).key(),
                kernel.table.services().get(0).destinations().get(1).destination().address(), 80)));
        assertThat(kernel.save()).doesNotContain("10.0.0.3:80");
        advance(loop, Duration.ofSeconds(5));
        assertThat(kernel.save()).isEqualTo(TABLE);
    }

    @Test
    void removingAVirtualDeletesItAndAddingOneCreatesIt() {
        kernel.ipvsadm(FOREIGN);
        content = cf("autoreload=yes\n", "2");
        DaemonLoop<Config> loop = newLoop();
        loop.start();
        content = "autoreload=yes\n" + """
                virtual=192.168.10.1:80
                    checktype=on
                    real=10.0.0.2:80 gate 1
                    real=10.0.0.3:80 gate 2
                    scheduler=wrr
                virtual=192.168.10.3:53
                    checktype=on
                    protocol=udp
                    real=10.0.0.4:53 gate 1
                """;
        advance(loop, Duration.ofMillis(1250));
        assertThat(kernel.save()).isEqualTo(FOREIGN + """
                -A -t 192.168.10.1:80 -s wrr
                -a -t 192.168.10.1:80 -r 10.0.0.2:80 -g -w 1
                -a -t 192.168.10.1:80 -r 10.0.0.3:80 -g -w 2
                -A -u 192.168.10.3:53 -s wrr
                -a -u 192.168.10.3:53 -r 10.0.0.4:53 -g -w 1
                """);
    }

    @Test
    void stopWithCleanstopRemovesOnlyLvsdsServices() {
        kernel.ipvsadm(FOREIGN);
        content = cf("", "2");
        DaemonLoop<Config> loop = newLoop();
        loop.start();
        loop.handle(new Event.Stop("SIGTERM"));
        assertThat(kernel.save()).isEqualTo(FOREIGN);
    }

    @Test
    void aRestartWithCleanstopNoMakesNoChangeToAMatchingTable() {
        kernel.ipvsadm(FOREIGN);
        content = cf("cleanstop=no\n", "2");
        DaemonLoop<Config> first = newLoop();
        first.start();
        first.handle(new Event.Stop("SIGTERM"));
        assertThat(kernel.save()).isEqualTo(FOREIGN + TABLE);
        kernel.written.clear();
        DaemonLoop<Config> second = newLoop();
        assertThat(second.start()).isEmpty();
        advance(second, Duration.ofSeconds(20));
        assertThat(kernel.written).isEmpty();
        assertThat(second.state().opsApplied()).isZero();
        assertThat(kernel.save()).isEqualTo(FOREIGN + TABLE);
    }

    @Test
    void fallbackcommandRunsWhenNoRealIsUp() {
        content = """
                virtual=192.168.10.1:80
                    checktype=off
                    real=10.0.0.2:80 gate 1
                    fallbackcommand=/usr/local/bin/fb
                """;
        DaemonLoop<Config> loop = newLoop();
        assertThat(loop.start()).isEmpty();
        assertThat(launched).containsExactly(List.of("/usr/local/bin/fb", "start", "192.168.10.1:80", "tcp"));
        advance(loop, Duration.ofSeconds(10));
        assertThat(launched).as("once per transition").hasSize(1);
    }

    @Test
    void invalidUtf8IsRejectedWithTheFileName() {
        LvsdBackend backend = new LvsdBackend(kernel, LvsdBackend.HealthSource.assumeUp(), NameResolver.system(),
                Clock.systemUTC(), (a, d) -> {});
        Backend.Parsed<Config> p = backend.parse(FILE, new byte[] {'a', (byte) 0xff, '\n'});
        assertThat(p).isEqualTo(new Backend.Parsed.Rejected<Config>(List.of("/etc/lvsd/l.cf:1: not valid UTF-8 text")));
    }
}
