package lvsd.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lvsd.config.NameResolver;
import lvsd.ipvs.IpvsOp;
import lvsd.status.StatusSnapshot;
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
    private final LoopClock clock = new LoopClock(0);
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

    /** VRRP as a recorder: starts, stops and the track_virtual answers it would see. */
    private final List<String> vrrpEvents = new ArrayList<>();
    private lvsd.vrrp.VirtualHealth vrrpHealth;
    /** The kernel table as it was when VRRP was told to stop. */
    private String tableAtVrrpStop;

    private final VrrpPort vrrpPort = (cfg, health, listener) -> {
        vrrpEvents.add("start " + cfg.instances().size());
        vrrpHealth = health;
        return new VrrpPort.Running() {
            @Override
            public void trackersChanged() {
                vrrpEvents.add("trackers");
            }

            @Override
            public StatusSnapshot.Vrrp status() {
                return new StatusSnapshot.Vrrp(List.of(new StatusSnapshot.Instance("VI_1", "MASTER", 150, 150, 51,
                        "eth0", false, "", List.of(), Map.of())), List.of());
            }

            @Override
            public void close() {
                vrrpEvents.add("stop");
                tableAtVrrpStop = kernel.save();
            }
        };
    };

    private LvsdBackend backend;

    private static final StatusSnapshot.Daemon DAEMON = new StatusSnapshot.Daemon(1, "/etc/lvsd/l.cf",
            "1970-01-01T00:00:00Z", "running", "", 1, new StatusSnapshot.Reloads(0, 0),
            new StatusSnapshot.Cycles(1, 0), new StatusSnapshot.KernelChanges(0, 0), 0);

    private DaemonLoop<LvsdConfig> newLoop() {
        backend = new LvsdBackend(kernel, LvsdBackend.HealthSource.assumeUp(), NameResolver.system(),
                clock, (argv, d) -> launched.add(argv), vrrpPort, c -> {});
        DaemonLog log = DaemonLog.into(line -> logged.add(line));
        return new DaemonLoop<>(FILE, backend, f -> content.getBytes(StandardCharsets.UTF_8), clock,
                Timing.defaults(), log, Lifecycle.NONE);
    }

    @Test
    void startBuildsTheTableAndLeavesAForeignServiceAlone() {
        kernel.ipvsadm(FOREIGN);
        content = cf("", "2");
        DaemonLoop<LvsdConfig> loop = newLoop();
        assertThat(loop.start()).isEmpty();
        assertThat(kernel.save()).isEqualTo(FOREIGN + TABLE);
        assertThat(kernel.written).hasSize(5);
    }

    @Test
    void theSnapshotShowsEachVirtualWithItsRealsInOrder() {
        content = cf("", "2");
        newLoop().start();
        StatusSnapshot s = backend.status(DAEMON);
        assertThat(s.daemon()).isSameAs(DAEMON);
        assertThat(s.director().ownedServices()).isEqualTo(2);
        assertThat(s.director().virtuals()).containsExactly(
                new StatusSnapshot.Virtual("-t 192.168.10.1:80", false, List.of(
                        new StatusSnapshot.Real("10.0.0.2:80", "up", 1, false, false),
                        new StatusSnapshot.Real("10.0.0.3:80", "up", 2, false, false))),
                new StatusSnapshot.Virtual("-t 192.168.10.2:443", false, List.of(
                        new StatusSnapshot.Real("10.0.0.2:443", "up", 5, false, false))));
        assertThat(s.director().virtuals().get(0).reals().get(1).describe()).isEqualTo("up (weight 2)");
        assertThat(s.checks()).isEqualTo(StatusSnapshot.Checks.NONE);
        assertThat(s.vrrp()).as("no VRRP configured").isNull();
    }

    @Test
    void aWeightChangeInTheFileIsExactlyOneKernelWrite() {
        content = cf("autoreload=yes\n", "2");
        DaemonLoop<LvsdConfig> loop = newLoop();
        loop.start();
        kernel.written.clear();
        content = cf("autoreload=yes\n", "7");
        clock.advance(loop, Duration.ofMillis(1250));
        assertThat(kernel.written).hasSize(1);
        assertThat(kernel.written.get(0)).isInstanceOf(IpvsOp.EditDestination.class);
        assertThat(kernel.save()).isEqualTo(TABLE.replace("10.0.0.3:80 -g -w 2", "10.0.0.3:80 -g -w 7"));
    }

    @Test
    void ldirectordQuirksAreLoggedAtStartAndReloadAndStrictYesRefusesThem() {
        content = cf("autoreload=yes\n", "-w 2");
        DaemonLoop<LvsdConfig> loop = newLoop();
        assertThat(loop.start()).isEmpty();
        assertThat(kernel.save()).as("the same table as weight 2 written plainly").isEqualTo(TABLE);
        assertThat(logged).contains("/etc/lvsd/l.cf:5: warning: \"-w 2\" is read as the weight 2, as ldirectord"
                + " reads it; please write the weight alone after the forwarding method");

        logged.clear();
        content = cf("autoreload=yes\nchecktimeout=3s\n", "-w 7");
        clock.advance(loop, Duration.ofMillis(1250));
        assertThat(kernel.save()).isEqualTo(TABLE.replace("10.0.0.3:80 -g -w 2", "10.0.0.3:80 -g -w 7"));
        assertThat(logged).contains("/etc/lvsd/l.cf:2: warning: checktimeout=3s is read as 3 seconds, as ldirectord"
                + " reads it; please write checktimeout=3");

        String before = kernel.save();
        content = cf("autoreload=yes\nstrict=yes\n", "-w 9");
        clock.advance(loop, Duration.ofSeconds(12));
        assertThat(kernel.save()).isEqualTo(before);
        assertThat(logged).anyMatch(l -> l.startsWith("/etc/lvsd/l.cf:6: strict: \"-w 9\" is read as the weight 9"));
        assertThat(loop.state().reloadsRejected()).isEqualTo(1);
    }

    @Test
    void anInvalidEditLeavesTheTableByteIdentical() {
        kernel.ipvsadm(FOREIGN);
        content = cf("autoreload=yes\n", "2");
        DaemonLoop<LvsdConfig> loop = newLoop();
        loop.start();
        String before = kernel.save();
        kernel.written.clear();
        content = cf("autoreload=yes\n", "2").replace("scheduler=wlc", "scheduler=wlc\n    bogus=1");
        clock.advance(loop, Duration.ofSeconds(12));
        assertThat(kernel.save()).isEqualTo(before);
        assertThat(kernel.written).isEmpty();
        assertThat(logged).anyMatch(l -> l.startsWith("/etc/lvsd/l.cf:11: "));
        assertThat(loop.state().reloadsRejected()).isEqualTo(1);
    }

    @Test
    void aHandDeletedDestinationIsRestoredAtTheNextResync() {
        content = cf("", "2");
        DaemonLoop<LvsdConfig> loop = newLoop();
        loop.start();
        kernel.apply(List.of(new IpvsOp.DeleteDestination(kernel.table.services().get(0).key(),
                kernel.table.services().get(0).destinations().get(1).destination().address(), 80)));
        assertThat(kernel.save()).doesNotContain("10.0.0.3:80");
        clock.advance(loop, Duration.ofSeconds(5));
        assertThat(kernel.save()).isEqualTo(TABLE);
    }

    @Test
    void removingAVirtualDeletesItAndAddingOneCreatesIt() {
        kernel.ipvsadm(FOREIGN);
        content = cf("autoreload=yes\n", "2");
        DaemonLoop<LvsdConfig> loop = newLoop();
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
        clock.advance(loop, Duration.ofMillis(1250));
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
        DaemonLoop<LvsdConfig> loop = newLoop();
        loop.start();
        loop.handle(new Event.Stop("SIGTERM"));
        assertThat(kernel.save()).isEqualTo(FOREIGN);
    }

    @Test
    void aRestartWithCleanstopNoMakesNoChangeToAMatchingTable() {
        kernel.ipvsadm(FOREIGN);
        content = cf("cleanstop=no\n", "2");
        DaemonLoop<LvsdConfig> first = newLoop();
        first.start();
        first.handle(new Event.Stop("SIGTERM"));
        assertThat(kernel.save()).isEqualTo(FOREIGN + TABLE);
        kernel.written.clear();
        DaemonLoop<LvsdConfig> second = newLoop();
        assertThat(second.start()).isEmpty();
        clock.advance(second, Duration.ofSeconds(20));
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
        DaemonLoop<LvsdConfig> loop = newLoop();
        assertThat(loop.start()).isEmpty();
        assertThat(launched).containsExactly(List.of("/usr/local/bin/fb", "start", "192.168.10.1:80", "tcp"));
        clock.advance(loop, Duration.ofSeconds(10));
        assertThat(launched).as("once per transition").hasSize(1);
        StatusSnapshot.Director d = backend.status(DAEMON).director();
        assertThat(d.fallbackCommands()).isEqualTo(1);
        assertThat(d.virtuals()).singleElement().satisfies(v -> {
            assertThat(v.fallbackInUse()).isTrue();
            assertThat(v.reals()).extracting(StatusSnapshot.Real::state).containsExactly("removed");
        });
    }

    private static final String VRRP = """
            vrrp_instance=VI_1
                interface=lo
                virtual_router_id=51
                virtual_ipaddress=192.0.2.10/32
                track_virtual=web weight -50
            """;

    @Test
    void vrrpStartsWithTheFileSurvivesUnrelatedReloadsAndStopsFirst() {
        content = "autoreload=yes\n" + cf("", "2").replace("scheduler=wrr", "scheduler=wrr\n    servicename=web")
                + VRRP;
        DaemonLoop<LvsdConfig> loop = newLoop();
        assertThat(loop.start()).isEmpty();
        assertThat(vrrpEvents).startsWith("start 1");
        assertThat(backend.status(DAEMON).vrrp().instances()).extracting(StatusSnapshot.Instance::name)
                .containsExactly("VI_1");
        assertThat(vrrpHealth.hasHealthyReal("web")).isTrue();
        assertThat(vrrpHealth.hasHealthyReal("192.168.10.1:80")).isTrue();
        assertThat(vrrpHealth.hasHealthyReal("nonesuch")).isFalse();
        // a weight change leaves VRRP alone
        content = content.replace("gate 2", "gate 3");
        clock.advance(loop, Duration.ofMillis(1250));
        assertThat(loop.state().generation()).isEqualTo(2);
        assertThat(vrrpEvents).doesNotContain("stop");
        // all reals of "web" down: track_virtual sees it
        content = content.replace("    checktype=on\n    real=10.0.0.2:80", "    checktype=off\n    real=10.0.0.2:80");
        clock.advance(loop, Duration.ofMillis(1250));
        assertThat(vrrpHealth.hasHealthyReal("web")).isFalse();
        // stop: VRRP hands over before the table is emptied
        loop.handle(new Event.Stop("SIGTERM"));
        assertThat(vrrpEvents).endsWith("stop");
        assertThat(kernel.save()).isEmpty();
    }

    @Test
    void aVrrpOnlyConfigNeverTouchesIpvs() {
        Kernel noIpvs = new Kernel() {
            @Override
            public lvsd.ipvs.IpvsTable table() {
                throw new IllegalStateException("IPVS is not available in this kernel");
            }

            @Override
            public List<String> apply(List<IpvsOp> ops) {
                throw new IllegalStateException("IPVS is not available in this kernel");
            }
        };
        LvsdBackend backend = new LvsdBackend(noIpvs, LvsdBackend.HealthSource.assumeUp(), NameResolver.system(),
                clock, (a, d) -> {}, vrrpPort, c -> {});
        content = VRRP.replace("    track_virtual=web weight -50\n", ""); // it would name no virtual
        DaemonLoop<LvsdConfig> loop = new DaemonLoop<>(FILE, backend, f -> content.getBytes(StandardCharsets.UTF_8),
                clock, Timing.defaults(), new DaemonLog() {
                    @Override
                    public void info(String line) {}

                    @Override
                    public void warn(String line) {}

                    @Override
                    public void error(String line) {
                        logged.add(line);
                    }
                }, Lifecycle.NONE);
        assertThat(loop.start()).isEmpty();
        clock.advance(loop, Duration.ofSeconds(20));
        loop.handle(new Event.Stop("SIGTERM"));
        assertThat(logged).isEmpty();
        assertThat(vrrpEvents).containsExactly("start 1", "stop");
    }

    @Test
    void aKernelWithoutIpvsStopsTheStartWithAPlainReason() {
        Kernel noIpvs = new Kernel() {
            @Override
            public lvsd.ipvs.IpvsTable table() {
                throw new IllegalStateException("IPVS is not available in this kernel: is the ip_vs module loaded?");
            }

            @Override
            public List<String> apply(List<IpvsOp> ops) {
                return List.of();
            }
        };
        LvsdBackend backend = new LvsdBackend(noIpvs, LvsdBackend.HealthSource.assumeUp(), NameResolver.system(),
                clock, (a, d) -> {});
        content = cf("", "2");
        DaemonLoop<LvsdConfig> loop = new DaemonLoop<>(FILE, backend, f -> content.getBytes(StandardCharsets.UTF_8),
                clock, Timing.defaults(), DaemonLog.NONE, Lifecycle.NONE);
        org.assertj.core.api.Assertions.assertThatThrownBy(loop::start)
                .isInstanceOf(DaemonLoop.StartException.class)
                .hasMessageContaining("is the ip_vs module loaded?");
    }

    @Test
    void invalidUtf8IsRejectedWithTheFileName() {
        LvsdBackend backend = new LvsdBackend(kernel, LvsdBackend.HealthSource.assumeUp(), NameResolver.system(),
                clock, (a, d) -> {});
        Backend.Parsed<LvsdConfig> p = backend.parse(FILE, new byte[] {'a', (byte) 0xff, '\n'});
        assertThat(p).isEqualTo(new Backend.Parsed.Rejected<LvsdConfig>(
                List.of("/etc/lvsd/l.cf:1: cannot read the configuration file: not valid UTF-8 text")));
    }

    @Test
    void aCleanstopTheKernelRefusesOnceIsRetriedAndExitsZero() {
        kernel.ipvsadm(FOREIGN);
        content = cf("", "2");
        DaemonLoop<LvsdConfig> loop = newLoop();
        loop.start();
        int[] deletes = {0};
        kernel.refuse = op -> op instanceof IpvsOp.DeleteService && deletes[0]++ == 0;
        loop.handle(new Event.Stop("SIGTERM"));
        assertThat(kernel.save()).isEqualTo(FOREIGN);
        assertThat(loop.exitStatus()).isZero();
        assertThat(logged).contains("stop (cleanstop, retry): -D -t 192.168.10.1:80");
    }

    @Test
    void aCleanstopThatLeavesAServiceBehindSaysWhichAndExitsOne() {
        content = cf("", "2");
        DaemonLoop<LvsdConfig> loop = newLoop();
        loop.start();
        kernel.refuse = op -> op instanceof IpvsOp.DeleteService d && d.key().ipvsadm().equals("-t 192.168.10.2:443");
        loop.handle(new Event.Stop("SIGTERM"));
        assertThat(loop.stopped()).isTrue();
        assertThat(loop.exitStatus()).isEqualTo(1);
        assertThat(kernel.save()).doesNotContain("192.168.10.1:80").contains("-A -t 192.168.10.2:443");
        assertThat(kernel.written.stream().filter(op -> op instanceof IpvsOp.DeleteService d
                && d.key().ipvsadm().equals("-t 192.168.10.2:443"))).as("tried, then retried once").hasSize(2);
        assertThat(logged).contains("clean stop incomplete: the kernel table still holds 1 of lvsd's service(s):"
                + " -t 192.168.10.2:443; exit status 1");
    }

    private static final String WEB_AND_VRRP = cf("", "2").replace("scheduler=wrr", "scheduler=wrr\n    servicename=web")
            + VRRP;

    @Test
    void everyStopPathHandsTheVipsOverBeforeTheTableIsEmptied() {
        // SIGTERM and SIGINT
        for (String signal : List.of("SIGTERM", "SIGINT")) {
            content = WEB_AND_VRRP;
            DaemonLoop<LvsdConfig> loop = newLoop();
            loop.start();
            tableAtVrrpStop = null;
            loop.handle(new Event.Stop(signal));
            assertThat(tableAtVrrpStop).as(signal).isEqualTo(TABLE);
            assertThat(kernel.save()).as(signal).isEmpty();
            assertThat(loop.exitStatus()).isZero();
        }
        // a fatal fault: VRRP died twice within the restart window
        content = WEB_AND_VRRP;
        DaemonLoop<LvsdConfig> loop = newLoop();
        loop.start();
        vrrpEvents.clear();
        loop.handle(new Event.ThreadDied(Subsystem.VRRP, "vrrp", new IllegalStateException("injected")));
        assertThat(vrrpEvents).containsExactly("stop", "start 1");
        assertThat(loop.stopped()).isFalse();
        tableAtVrrpStop = null;
        loop.handle(new Event.ThreadDied(Subsystem.VRRP, "vrrp", new IllegalStateException("injected again")));
        assertThat(loop.exitStatus()).isEqualTo(1);
        assertThat(tableAtVrrpStop).isEqualTo(TABLE);
        assertThat(kernel.save()).isEmpty();
        // a crash of the loop itself
        content = WEB_AND_VRRP;
        DaemonLoop<LvsdConfig> crashing = newLoop();
        crashing.start();
        tableAtVrrpStop = null;
        crashing.crashed(new StackOverflowError("injected"));
        assertThat(tableAtVrrpStop).isEqualTo(TABLE);
        assertThat(kernel.save()).isEmpty();
        assertThat(crashing.exitStatus()).isEqualTo(1);
    }

    /** The kernel table with {@code active} connections on 10.0.0.3:80 of the first virtual. */
    private void connectionsOn103(long active) {
        List<lvsd.ipvs.ServiceState> out = new ArrayList<>();
        for (lvsd.ipvs.ServiceState s : kernel.table.services()) {
            List<lvsd.ipvs.DestinationState> ds = new ArrayList<>();
            for (lvsd.ipvs.DestinationState d : s.destinations()) {
                boolean hit = s.key().port() == 80 && d.destination().address().getHostAddress().equals("10.0.0.3");
                ds.add(hit ? new lvsd.ipvs.DestinationState(d.destination(), active, 0, 0, d.stats()) : d);
            }
            out.add(new lvsd.ipvs.ServiceState(s.service(), s.stats(), ds));
        }
        kernel.table = new lvsd.ipvs.IpvsTable(kernel.table.info(), out);
    }

    @Test
    void aDrainLastsItsSecondsOnTheMonotonicClockWhateverTheWallClockDoes() {
        // the daemon's only time source is the loop's ticker: the wall clock (an NTP step of an hour either way)
        // is not an input of the drain deadline. Before, the deadline was wall-clock time: here the fixed wall
        // clock the test used to pass would have kept the real forever, and a step of +1 h deleted it at once.
        content = cf("drain=60\n", "2");
        DaemonLoop<LvsdConfig> loop = newLoop();
        assertThat(loop.start()).isEmpty();
        connectionsOn103(4);
        content = cf("drain=60\n", "2").replace("    real=10.0.0.3:80 gate 2\n", "");
        loop.handle(new Event.Reload("test"));
        clock.advance(loop, Timing.defaults().settle());
        assertThat(kernel.save()).contains("-a -t 192.168.10.1:80 -r 10.0.0.3:80 -g -w 0");
        clock.advance(loop, Duration.ofSeconds(59));
        assertThat(kernel.save()).as("still draining after 59 s").contains("-r 10.0.0.3:80 -g -w 0");
        assertThat(backend.status(DAEMON).director().draining()).isEqualTo(1);
        clock.advance(loop, Duration.ofSeconds(6));
        assertThat(kernel.save()).as("drain time up after 60 s").doesNotContain("10.0.0.3:80");
    }
}
