package lvsd.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidFileTest {

    @TempDir
    Path dir;

    /** A fake /proc: process {@code pid} runs {@code cmdline} (NUL-separated as the kernel writes it). */
    private void process(long pid, String... argv) throws Exception {
        Path p = dir.resolve("proc").resolve(Long.toString(pid));
        Files.createDirectories(p);
        Files.write(p.resolve("cmdline"), (String.join("\0", argv) + "\0").getBytes(StandardCharsets.UTF_8));
    }

    private PidFile pidFile() {
        return new PidFile(dir.resolve("run/lvsd.test.cf.pid"), dir.resolve("proc"));
    }

    @Test
    void defaultNameFollowsTheConfigFileName() {
        assertThat(PidFile.defaultFor(Path.of("/etc/ha.d/ldirectord.cf")))
                .isEqualTo(Path.of("/run/lvsd.ldirectord.cf.pid"));
    }

    @Test
    void takeWritesThePidAndReleaseRemovesIt() throws Exception {
        PidFile pf = pidFile();
        process(4242, "java", "-jar", "/usr/share/lvsd/lvsd.jar", "run", "-f", "x.cf");
        pf.take(4242);
        assertThat(Files.readString(pf.path())).isEqualTo("4242\n");
        assertThat(pf.runningPid()).hasValue(4242);
        pf.release(4242);
        assertThat(pf.path()).doesNotExist();
    }

    @Test
    void aLiveLvsdHoldingTheFileIsNotOverwritten() throws Exception {
        PidFile pf = pidFile();
        process(100, "java", "-jar", "/usr/share/lvsd/lvsd.jar", "run");
        pf.take(100);
        assertThatThrownBy(() -> pf.take(200)).isInstanceOf(PidFile.PidFileException.class)
                .hasMessageContaining("already running with pid 100");
        assertThat(Files.readString(pf.path())).isEqualTo("100\n");
    }

    @Test
    void aDeadProcessLeavesAStaleFileThatIsReplaced() throws Exception {
        PidFile pf = pidFile();
        Files.createDirectories(pf.path().getParent());
        Files.writeString(pf.path(), "31337\n");
        assertThat(pf.runningPid()).isEmpty();
        pf.take(200);
        assertThat(Files.readString(pf.path())).isEqualTo("200\n");
    }

    @Test
    void aRecycledPidOfAnotherProgramIsStale() throws Exception {
        PidFile pf = pidFile();
        Files.createDirectories(pf.path().getParent());
        Files.writeString(pf.path(), "555\n");
        process(555, "/usr/sbin/sshd", "-D");
        assertThat(pf.runningPid()).isEmpty();
    }

    @Test
    void garbageInTheFileIsStale() throws Exception {
        PidFile pf = pidFile();
        Files.createDirectories(pf.path().getParent());
        Files.writeString(pf.path(), "not a pid\n");
        assertThat(pf.runningPid()).isEmpty();
    }

    @Test
    void releaseLeavesAFileThatASuccessorTookOver() throws Exception {
        PidFile pf = pidFile();
        pf.take(100);
        Files.writeString(pf.path(), "101\n");
        pf.release(100);
        assertThat(Files.readString(pf.path())).isEqualTo("101\n");
    }
}
