package lvsd.sys;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import lvsd.process.Outcome;
import lvsd.process.Program;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one launcher for external programs, with real processes: groups, deadlines, stdin, exit status. */
class GroupLauncherTest {

    @TempDir
    Path dir;

    private final GroupLauncher launcher = new GroupLauncher();

    @AfterEach
    void close() {
        launcher.close();
    }

    private static Program sh(String script, Duration deadline) {
        return new Program(List.of("sh", "-c", script), deadline, Program.Output.DISCARD);
    }

    /** Alive and not a zombie waiting for init to reap it. */
    private static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void await(String what, Duration within, BooleanSupplier cond) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!cond.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as(what + " within " + within).isNegative();
            Thread.sleep(10);
        }
    }

    private long readPid(Path file) throws Exception {
        await(file + " written", Duration.ofSeconds(10), () -> {
            try {
                return Files.readString(file).endsWith("\n");
            } catch (IOException e) {
                return false;
            }
        });
        return Long.parseLong(Files.readString(file).strip());
    }

    @Test
    void aGrandchildThatOutlivesItsParentIsKilledWithTheGroupAtTheDeadline() throws Exception {
        Path pidFile = dir.resolve("grandchild.pid");
        Duration deadline = Duration.ofSeconds(2);
        long started = System.nanoTime();
        Outcome o = launcher.run(sh("sleep 300 & echo $! > " + pidFile, deadline));
        assertThat(o).isEqualTo(new Outcome.Exited(0)); // the parent is gone at once...
        long grandchild = readPid(pidFile);
        assertThat(running(grandchild)).as("the grandchild outlives its parent").isTrue();
        await("grandchild killed", Duration.ofSeconds(15), () -> !running(grandchild));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("killed at the deadline, not before")
                .isGreaterThanOrEqualTo(deadline);
    }

    @Test
    void stdinIsClosedSoAReaderGetsEndOfFileAtOnce() throws Exception {
        long started = System.nanoTime();
        Outcome o = launcher.run(sh("if read line; then exit 1; fi; cat; exit 7", Duration.ofSeconds(30)));
        assertThat(o).isEqualTo(new Outcome.Exited(7));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void eachProgramLeadsItsOwnProcessGroup() throws Exception {
        Path out = dir.resolve("ids");
        // /proc/self/stat field 5 is the process group; $$ is the shell's pid
        Outcome o = launcher.run(sh("echo $$ $(cut -d' ' -f5 /proc/$$/stat) > " + out, Duration.ofSeconds(30)));
        assertThat(o.succeeded()).isTrue();
        String[] ids = Files.readString(out).strip().split(" ");
        assertThat(ids[1]).isEqualTo(ids[0]);
        assertThat(Long.parseLong(ids[1])).isNotEqualTo(ProcessHandle.current().pid());
    }

    @Test
    void aProgramStillRunningAtItsDeadlineTimesOutAndItsGroupIsKilled() throws Exception {
        Path pidFile = dir.resolve("child.pid");
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        launcher.start(sh("sleep 300 & echo $! > " + pidFile + "; wait", Duration.ofMillis(500)), outcome::complete);
        long child = readPid(pidFile);
        assertThat(outcome.get(15, TimeUnit.SECONDS)).isEqualTo(new Outcome.TimedOut());
        await("child killed", Duration.ofSeconds(15), () -> !running(child));
    }

    @Test
    void killEndsTheGroupBeforeTheDeadline() throws Exception {
        Path pidFile = dir.resolve("child.pid");
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        var running = launcher.start(sh("sleep 300 & echo $! > " + pidFile + "; wait", Duration.ofMinutes(5)),
                outcome::complete);
        long child = readPid(pidFile);
        running.kill();
        assertThat(outcome.get(15, TimeUnit.SECONDS)).isEqualTo(new Outcome.Exited(128 + 9));
        await("child killed", Duration.ofSeconds(15), () -> !running(child));
    }

    @Test
    void theExitStatusIsReported() throws Exception {
        assertThat(launcher.run(sh("exit 3", Duration.ofSeconds(30)))).isEqualTo(new Outcome.Exited(3));
        assertThat(launcher.run(sh("exit 0", Duration.ofSeconds(30))).succeeded()).isTrue();
    }

    @Test
    void aMissingProgramDoesNotStart() throws Exception {
        Path missing = dir.resolve("nonesuch");
        assertThat(launcher.run(new Program(List.of(missing.toString()), Duration.ofSeconds(5),
                Program.Output.DISCARD))).isEqualTo(new Outcome.NotStarted(missing + ": no such file"));
        assertThat(launcher.run(new Program(List.of("lvsd-no-such-program"), Duration.ofSeconds(5),
                Program.Output.DISCARD))).isInstanceOf(Outcome.NotStarted.class);
        Path plain = Files.writeString(dir.resolve("plain"), "not a program");
        assertThat(launcher.run(new Program(List.of(plain.toString()), Duration.ofSeconds(5),
                Program.Output.DISCARD))).isEqualTo(new Outcome.NotStarted(plain + ": not executable"));
    }
}
