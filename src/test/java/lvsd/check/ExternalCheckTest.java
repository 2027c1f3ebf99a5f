package lvsd.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import lvsd.check.probe.ExternalProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * checktype=external with real scripts: exit codes, dynamic weights, and scripts that hang or leave
 * children. Each script records its pid, which is its process group id; afterwards no process of that
 * group may remain.
 */
class ExternalCheckTest {
    static final Duration T = Duration.ofSeconds(3);
    static EngineHarness h;
    /**
     * Pid files live outside the per-test {@code @TempDir}: a late second run of a script (below) must not create
     * a file in a directory JUnit is deleting. Removed best-effort at the end.
     */
    static Path pids;
    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() throws IOException {
        h = new EngineHarness();
        pids = Files.createTempDirectory("lvsd-external-pids");
    }

    @AfterAll
    static void tearDown() throws IOException {
        h.close();
        try (var files = Files.list(pids)) {
            files.forEach(f -> f.toFile().delete());
        }
        pids.toFile().delete();
    }

    Path pidFile(String name) {
        return pids.resolve(dir.getFileName() + "-" + name + ".pid");
    }

    Path script(String name, String body) throws IOException {
        Path p = dir.resolve(name);
        // The harness runs a check every 100 ms until it unregisters it, so a second run can start after the test
        // has its result; noclobber makes that run exit at once instead of leaving a second group behind.
        Files.writeString(p, "#!/bin/sh\n(set -C; echo $$ > " + pidFile(name) + ") 2>/dev/null || exit 0\n"
                + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p;
    }

    CheckSpec.External spec(Path script, boolean dynamic) {
        return new CheckSpec.External(List.of(script.toString()), List.of("10.0.0.1", "80", "10.0.0.2", "8080"), dynamic, T);
    }

    int pgid(Path script) throws IOException {
        return Integer.parseInt(Files.readString(pidFile(script.getFileName().toString())).trim());
    }

    /** Pids of live processes whose process group is {@code pgid} (field 5 of /proc/PID/stat). */
    static List<Long> groupMembers(int pgid) throws IOException {
        List<Long> out = new ArrayList<>();
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String n = p.getFileName().toString();
                if (!n.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    if (Integer.parseInt(f[2]) == pgid && !f[0].equals("Z")) {
                        out.add(Long.parseLong(n));
                    }
                } catch (IOException gone) {
                    // exited while we looked
                }
            }
        }
        return out;
    }

    /** Polls with a deadline: the kill is asynchronous, so give the kernel a moment to reap. */
    static void assertGroupGone(int pgid) throws Exception {
        long end = System.nanoTime() + 20_000_000_000L; // generous: the machine is shared
        while (!groupMembers(pgid).isEmpty()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("processes left behind in group " + pgid + ": " + groupMembers(pgid));
            }
            Thread.sleep(20);
        }
    }

    @Test
    void exitZeroIsUpAndOtherCodesAreDown() throws Exception {
        assertThat(h.once(spec(script("ok", "exit 0"), false)).result()).isEqualTo(CheckResult.Up.PLAIN);
        assertThat(h.once(spec(script("bad", "exit 1"), false)).result())
                .isEqualTo(new CheckResult.Down("check command exited 1"));
        assertThat(h.once(spec(script("seven", "exit 7"), false)).result()).isInstanceOf(CheckResult.Down.class);
    }

    @Test
    void argumentsAreVipVportRipRport() throws Exception {
        Path s = script("args", "[ \"$*\" = \"10.0.0.1 80 10.0.0.2 8080\" ]");
        assertThat(h.once(spec(s, false)).result()).isEqualTo(CheckResult.Up.PLAIN);
    }

    @Test
    void dynamicWeightIsExitMinusTwo() throws Exception {
        assertThat(h.once(spec(script("w", "exit 7"), true)).result()).isEqualTo(new CheckResult.Up(OptionalInt.of(5)));
        assertThat(h.once(spec(script("w1", "exit 1"), true)).result()).isInstanceOf(CheckResult.Down.class);
        assertThat(h.once(spec(script("w0", "exit 0"), true)).result()).isEqualTo(CheckResult.Up.PLAIN);
    }

    @Test
    void aHangingScriptAndItsChildrenAreKilledAtTheDeadline() throws Exception {
        Path s = script("hang", "sleep 300 &\nsh -c 'sleep 301' &\nsleep 302");
        EngineHarness.Result r = h.once(spec(s, false));
        // the engine's deadline and the launcher's kill race: either may report it, both say it timed out
        assertThat(r.result().isUp()).isFalse();
        assertThat(r.result().describe()).contains("timed out");
        assertThat(r.took()).isLessThan(T.plusSeconds(4)); // at the deadline, not after the script's 300 s
        assertGroupGone(pgid(s));
    }

    @Test
    void childrenLeftByAScriptThatExitedAreKilled() throws Exception {
        Path s = script("leaver", "sleep 300 &\nexit 0");
        assertThat(h.once(spec(s, false)).result()).isEqualTo(CheckResult.Up.PLAIN);
        assertGroupGone(pgid(s));
    }

    @Test
    void aScriptIgnoringSigtermStillDies() throws Exception {
        Path s = script("stubborn", "trap '' TERM INT HUP\nsleep 300");
        EngineHarness.Result r = h.once(spec(s, false));
        assertThat(r.result()).isInstanceOf(CheckResult.TimedOut.class);
        assertGroupGone(pgid(s));
    }

    @Test
    void aMissingCommandIsDownNotACrash() throws Exception {
        CheckSpec.External e = new CheckSpec.External(List.of(dir.resolve("nope").toString()), List.of(), false, T);
        assertThat(h.once(e).result()).isInstanceOf(CheckResult.Down.class);
    }

    @Test
    void verdictTable() {
        assertThat(ExternalProbe.verdict(0, true)).isEqualTo(CheckResult.Up.PLAIN);
        assertThat(ExternalProbe.verdict(2, true)).isEqualTo(CheckResult.Up.withWeight(0));
        assertThat(ExternalProbe.verdict(255, true)).isEqualTo(CheckResult.Up.withWeight(253));
        assertThat(ExternalProbe.verdict(255, false)).isInstanceOf(CheckResult.Down.class);
    }
}
