package lvsd.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import lvsd.config.Config;
import lvsd.config.NameResolver;
import lvsd.director.HealthView;
import lvsd.status.StatusSnapshot;
import lvsd.testing.RecordingLog;
import org.junit.jupiter.api.Test;

/**
 * A reload applies entirely or not at all: the real parser and director, an in-memory kernel, and the backend's
 * two seams (the VRRP port and the health source) failing on the new config. After a failed reload the checks,
 * the VRRP instances and the IPVS table are what they were, and the loop says so.
 */
class AtomicReloadTest {

    private static final Path FILE = Path.of("/etc/lvsd/atomic.cf");

    private static String cf(int vrid, String weight) {
        return """
                virtual=192.168.10.1:80
                    checktype=on
                    servicename=web
                    real=10.0.0.2:80 gate %s
                    scheduler=wrr
                vrrp_instance=VI_1
                    interface=lo
                    virtual_router_id=%d
                    virtual_ipaddress=192.0.2.10/32
                """.formatted(weight, vrid);
    }

    private final MemoryKernel kernel = new MemoryKernel();
    private final LoopClock clock = new LoopClock(0);
    private final RecordingLog log = new RecordingLog();
    private String content;

    /** VRRP instances now running, by router id, and every start and stop in order. */
    private final List<Integer> runningVrids = new ArrayList<>();
    private final List<String> vrrpEvents = new ArrayList<>();
    /** Router ids whose start fails (a socket refused). */
    private Predicate<Integer> vrrpRefuses = id -> false;

    private final VrrpPort vrrpPort = (cfg, health, listener) -> {
        int vrid = cfg.instances().get(0).vrid();
        if (vrrpRefuses.test(vrid)) {
            vrrpEvents.add("refused " + vrid);
            throw new IllegalStateException("socket: operation not permitted (injected for vrid " + vrid + ")");
        }
        vrrpEvents.add("start " + vrid);
        runningVrids.add(vrid);
        return new VrrpPort.Running() {
            @Override
            public void trackersChanged() {}

            @Override
            public StatusSnapshot.Vrrp status() {
                return new StatusSnapshot.Vrrp(List.of(), List.of());
            }

            @Override
            public void close() {
                vrrpEvents.add("stop " + vrid);
                runningVrids.remove(Integer.valueOf(vrid));
            }
        };
    };

    /** The weight of the one real in the config the checks were last given, and which configs fail. */
    private final List<String> configuredChecks = new ArrayList<>();
    private Predicate<String> checksRefuse = w -> false;

    private final LvsdBackend.HealthSource health = new LvsdBackend.HealthSource() {
        @Override
        public void configure(Config config) {
            String weight = String.valueOf(config.virtuals().get(0).reals().get(0).weight());
            if (checksRefuse.test(weight)) {
                throw new IllegalStateException("check registration failed (injected for weight " + weight + ")");
            }
            configuredChecks.add(weight);
        }

        @Override
        public HealthView view() {
            return HealthView.staticView(true);
        }
    };

    private DaemonLoop<LvsdConfig> started(String text) {
        content = text;
        LvsdBackend backend = new LvsdBackend(kernel, health, NameResolver.system(), clock, (a, d) -> {}, vrrpPort,
                c -> {});
        DaemonLoop<LvsdConfig> loop = new DaemonLoop<>(FILE, backend, f -> content.getBytes(StandardCharsets.UTF_8),
                clock, Timing.defaults(), log, Lifecycle.NONE);
        assertThat(loop.start()).isEmpty();
        return loop;
    }

    /** A reload as SIGHUP asks for it, run past the settle read that follows. */
    private void reload(DaemonLoop<LvsdConfig> loop) {
        loop.handle(new Event.Reload("test"));
        clock.advance(loop, Timing.defaults().settle().multipliedBy(2));
    }

    private String lastChecks() {
        return configuredChecks.get(configuredChecks.size() - 1);
    }

    @Test
    void aReloadWhoseVrrpCannotStartLeavesTheOldInstancesTheOldChecksAndTheTable() {
        DaemonLoop<LvsdConfig> loop = started(cf(51, "1"));
        String table = kernel.save();
        vrrpRefuses = id -> id == 52;
        content = cf(52, "7"); // a new router id and a new weight: both VRRP and the checks would change
        reload(loop);

        assertThat(runningVrids).as("the old instance runs again").containsExactly(51);
        assertThat(vrrpEvents).containsExactly("start 51", "stop 51", "refused 52", "start 51");
        assertThat(lastChecks()).as("the checks are the old config's").isEqualTo("1");
        assertThat(kernel.save()).as("the table is untouched").isEqualTo(table);
        assertThat(loop.state().generation()).isEqualTo(1);
        assertThat(loop.state().reloadsRejected()).isEqualTo(1);
        assertThat(loop.stopped()).isFalse();
        assertThat(log.lines).anyMatch(l -> l.startsWith("ERROR reload (test) failed while activating the new config:"
                + " cannot start VRRP: socket: operation not permitted (injected for vrid 52) (the previous VRRP instances run again);"
                + " keeping config generation 1"));

        // the old config keeps working: a fixed file is applied as usual
        content = cf(53, "7");
        reload(loop);
        assertThat(runningVrids).containsExactly(53);
        assertThat(lastChecks()).isEqualTo("7");
        assertThat(kernel.save()).contains("-r 10.0.0.2:80 -g -w 7");
        assertThat(loop.state().generation()).isEqualTo(2);
    }

    @Test
    void aReloadWhoseChecksCannotBeRegisteredPutsTheOldVrrpAndChecksBack() {
        DaemonLoop<LvsdConfig> loop = started(cf(51, "1"));
        String table = kernel.save();
        checksRefuse = w -> w.equals("7");
        content = cf(52, "7");
        reload(loop);

        assertThat(runningVrids).containsExactly(51);
        assertThat(vrrpEvents).containsExactly("start 51", "stop 51", "start 52", "stop 52", "start 51");
        assertThat(configuredChecks).containsExactly("1", "1");
        assertThat(kernel.save()).isEqualTo(table);
        assertThat(loop.state().generation()).isEqualTo(1);
        assertThat(log.lines).anyMatch(l -> l.contains("cannot configure the health checks: check registration"
                + " failed (injected for weight 7); keeping config generation 1"));
    }

    @Test
    void aReloadThatCannotPutTheOldVrrpBackStopsTheDaemonWithStatusOne() {
        DaemonLoop<LvsdConfig> loop = started(cf(51, "1"));
        vrrpRefuses = id -> true; // the interface is gone: neither the new nor the old instance starts
        content = cf(52, "1");
        reload(loop);

        assertThat(loop.stopped()).isTrue();
        assertThat(loop.exitStatus()).isEqualTo(1);
        assertThat(runningVrids).isEmpty();
        assertThat(kernel.save()).as("cleanstop after the fatal fault").isEmpty();
        assertThat(log.lines).anyMatch(l -> l.startsWith("ERROR reload (test) failed and the running config could"
                + " not be put back: cannot start the new VRRP instances"));
    }

    @Test
    void anUnchangedVrrpBlockIsNotRestartedByAReloadWhoseChecksFail() {
        DaemonLoop<LvsdConfig> loop = started(cf(51, "1"));
        checksRefuse = w -> w.equals("7");
        content = cf(51, "7");
        reload(loop);
        assertThat(vrrpEvents).containsExactly("start 51");
        assertThat(configuredChecks).containsExactly("1", "1");
        assertThat(loop.state().generation()).isEqualTo(1);
    }

}
