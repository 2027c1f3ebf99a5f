package lvsd.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import lvsd.config.NameResolver;
import lvsd.testing.RecordingLog;
import org.junit.jupiter.api.Test;

/**
 * A reload that would remove more than half of the virtual services is logged loudly, and refused with
 * reload_guard=yes; the real parser and director over an in-memory kernel.
 */
class ReloadGuardTest {

    private static final Path FILE = Path.of("/etc/lvsd/guard.cf");

    private final MemoryKernel kernel = new MemoryKernel();
    private final LoopClock clock = new LoopClock(0);
    private final RecordingLog log = new RecordingLog();
    private String content;

    /** {@code globals} then virtuals 192.168.10.1 .. .n, one real each. */
    private static String cf(String globals, int n) {
        return globals + IntStream.rangeClosed(1, n).mapToObj(i -> """
                virtual=192.168.10.%d:80
                    checktype=on
                    real=10.0.0.2:80 gate 1
                """.formatted(i)).collect(Collectors.joining());
    }

    private DaemonLoop<LvsdConfig> started(String text) {
        content = text;
        LvsdBackend backend = new LvsdBackend(kernel, LvsdBackend.HealthSource.assumeUp(), NameResolver.system(),
                clock, (a, d) -> {});
        DaemonLoop<LvsdConfig> loop = new DaemonLoop<>(FILE, backend, f -> content.getBytes(StandardCharsets.UTF_8),
                clock, Timing.defaults(), log, Lifecycle.NONE);
        assertThat(loop.start()).isEmpty();
        return loop;
    }

    private void reload(DaemonLoop<LvsdConfig> loop, String text) {
        content = text;
        loop.handle(new Event.Reload("SIGHUP"));
        clock.advance(loop, Timing.defaults().settle());
    }

    private long services() {
        return kernel.save().lines().filter(l -> l.startsWith("-A ")).count();
    }

    @Test
    void withReloadGuardAReloadRemovingMostVirtualsIsRefusedAndTheTableKept() {
        DaemonLoop<LvsdConfig> loop = started(cf("reload_guard=yes\n", 4));
        String table = kernel.save();
        reload(loop, cf("reload_guard=yes\n", 1)); // a file cut short: 3 of 4 virtuals gone
        assertThat(kernel.save()).isEqualTo(table);
        assertThat(loop.state().generation()).isEqualTo(1);
        assertThat(loop.state().reloadsRejected()).isEqualTo(1);
        assertThat(log.lines).anyMatch(l -> l.startsWith("ERROR reload (SIGHUP) refused by reload_guard=yes: it"
                + " removes 3 of the 4 virtual services (tcp:192.168.10.2:80, tcp:192.168.10.3:80,"
                + " tcp:192.168.10.4:80); keeping config generation 1, kernel table untouched"));
        // removing half is an ordinary change
        reload(loop, cf("reload_guard=yes\n", 2));
        assertThat(loop.state().generation()).isEqualTo(2);
        assertThat(services()).isEqualTo(2);
    }

    @Test
    void withoutTheGuardTheSameReloadIsAppliedAndLoggedLoudly() {
        DaemonLoop<LvsdConfig> loop = started(cf("", 4));
        reload(loop, cf("", 1));
        assertThat(loop.state().generation()).isEqualTo(2);
        assertThat(services()).isEqualTo(1);
        assertThat(log.lines).anyMatch(l -> l.equals("ERROR reload (SIGHUP) WARNING: it removes 3 of the 4 virtual"
                + " services (tcp:192.168.10.2:80, tcp:192.168.10.3:80, tcp:192.168.10.4:80) (reload_guard=yes would"
                + " refuse this)"));
    }

    @Test
    void theGuardAlsoHoldsForAutoreload() {
        DaemonLoop<LvsdConfig> loop = started(cf("autoreload=yes\nreload_guard=yes\n", 3));
        content = cf("autoreload=yes\nreload_guard=yes\n", 0);
        clock.advance(loop, Timing.defaults().filePoll().plus(Timing.defaults().settle()));
        assertThat(services()).isEqualTo(3);
        assertThat(log.lines).anyMatch(l -> l.startsWith("ERROR reload (autoreload) refused by reload_guard=yes: it"
                + " removes 3 of the 3 virtual services"));
    }
}
