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
        PidFile.Held held = pf.take(4242);
        assertThat(Files.readString(pf.path())).isEqualTo("4242\n");
        assertThat(pf.runningPid()).hasValue(4242);
        held.close();
        assertThat(pf.path()).doesNotExist();
    }

    @Test
    void aLiveLvsdHoldingTheFileIsNotOverwritten() throws Exception {
        PidFile pf = pidFile();
        process(100, "java", "-jar", "/usr/share/lvsd/lvsd.jar", "run");
        PidFile.Held held = pf.take(100);
        assertThatThrownBy(() -> pf.take(200)).isInstanceOf(PidFile.PidFileException.class)
                .hasMessageContaining("already running with pid 100");
        assertThat(Files.readString(pf.path())).isEqualTo("100\n");
        held.close();
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
        PidFile.Held held = pf.take(100);
        Files.writeString(pf.path(), "101\n");
        held.close();
        assertThat(Files.readString(pf.path())).isEqualTo("101\n");
    }

    // ---- the real lock, with the real /proc/locks

    private Path realFile() {
        return dir.resolve("real/lvsd.x.cf.pid");
    }

    @Test
    void theHolderIsFoundInProcLocksAndTheLockEndsWithTheHandle() throws Exception {
        PidFile pf = new PidFile(realFile());
        long me = ProcessHandle.current().pid();
        PidFile.Held held = pf.take(me);
        assertThat(pf.runningPid()).hasValue(me);
        assertThatThrownBy(() -> new PidFile(realFile()).take(me + 1))
                .as("a second open of the file is a second lock: refused, in this process too")
                .isInstanceOf(PidFile.PidFileException.class).hasMessageContaining("already running with pid " + me);
        held.close();
        assertThat(realFile()).doesNotExist();
        assertThat(pf.runningPid()).isEmpty();
        new PidFile(realFile()).take(me).close(); // free again
    }

    @Test
    void anotherProcessHoldingTheLockIsNamedAndItsDeathFreesTheFile() throws Exception {
        Files.createDirectories(realFile().getParent());
        Path ready = dir.resolve("ready");
        // the holder locks the file, writes its pid, then sleeps holding it (exec keeps the pid and fd 9)
        Process holder = new ProcessBuilder("bash", "-c",
                "exec 9<>\"$1\"; flock -n 9 || exit 7; echo $$ >\"$1\"; : >\"$2\"; exec sleep 60", "_",
                realFile().toString(), ready.toString()).start();
        try {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!Files.exists(ready)) {
                assertThat(holder.isAlive()).as("the holder runs").isTrue();
                assertThat(System.nanoTime() - deadline).as("the holder took the lock within 10 s").isNegative();
                Thread.sleep(10);
            }
            PidFile pf = new PidFile(realFile());
            assertThat(pf.runningPid()).as("the pid the holder wrote, though its command line is not lvsd's")
                    .hasValue(holder.pid());
            assertThatThrownBy(() -> pf.take(ProcessHandle.current().pid()))
                    .isInstanceOf(PidFile.PidFileException.class)
                    .hasMessageContaining("already running with pid " + holder.pid());
            holder.destroyForcibly().waitFor(); // as kill -9: the file stays, the lock does not
            assertThat(realFile()).exists();
            assertThat(pf.runningPid()).as("a file nobody holds is stale").isEmpty();
            PidFile.Held held = pf.take(ProcessHandle.current().pid());
            assertThat(Files.readString(realFile()).strip()).isEqualTo(Long.toString(ProcessHandle.current().pid()));
            held.close();
        } finally {
            holder.destroyForcibly();
        }
    }

    @Test
    void aFileNobodyLocksIsStaleEvenWhenItsPidIsALiveLvsd() throws Exception {
        // a pid recycled by another lvsd process (say a `lvsd status`) must not pass for the daemon
        Process other = new ProcessBuilder("bash", "-c", "exec sleep 60", "lvsd.cli.Main").start();
        try {
            Files.createDirectories(realFile().getParent());
            Files.writeString(realFile(), other.pid() + "\n");
            assertThat(new PidFile(realFile()).runningPid()).isEmpty();
        } finally {
            other.destroyForcibly();
        }
    }

    @Test
    void procLocksLinesAreMatchedByDeviceAndInode() {
        java.util.List<String> lines = java.util.List.of(
                "1: POSIX  ADVISORY  WRITE 300 00:1a:77 0 EOF",
                "2: FLOCK  ADVISORY  WRITE 400 08:01:77 0 EOF",
                "2: -> FLOCK  ADVISORY  WRITE 401 00:1a:77 0 EOF",
                "3: FLOCK  ADVISORY  WRITE 500 00:1a:77 0 EOF");
        assertThat(PidFile.parseLocks(lines, 77, 0, 0x1a, java.util.Optional.empty()))
                .isEqualTo(new PidFile.Lock.Held(500));
        assertThat(PidFile.parseLocks(lines.subList(0, 3), 77, 0, 0x1a, java.util.Optional.empty()))
                .as("a POSIX lock, another device's inode and a waiter are not the holder")
                .isEqualTo(new PidFile.Lock.Free());
        assertThat(PidFile.parseLocks(lines.subList(0, 3), 77, 0, 0x1a, java.util.Optional.of(400L)))
                .as("same inode and the file's pid: a file system whose stat device differs (btrfs)")
                .isEqualTo(new PidFile.Lock.Held(400));
        assertThat(PidFile.parseLocks(lines.subList(0, 3), 77, 0, 0x1a, java.util.Optional.of(300L)))
                .as("9p lists a flock(2) as POSIX: the file's own pid holding it is the holder")
                .isEqualTo(new PidFile.Lock.Held(300));
    }

    @Test
    void deviceNumbersAreSplitAsGlibcDoes() {
        assertThat(PidFile.major(0x0801)).isEqualTo(8);
        assertThat(PidFile.minor(0x0801)).isEqualTo(1);
        long dev = (0x123L << 32 & 0xfffff00000000000L) | (0xabcL << 8) | (0x45678L << 12 & 0xffffff00000L) | 0x9a;
        assertThat(PidFile.major(0x00103L << 8)).isEqualTo(0x103);
        assertThat(PidFile.minor(dev)).isEqualTo(((dev & 0xffffff00000L) >>> 12) | 0x9a);
    }
}
