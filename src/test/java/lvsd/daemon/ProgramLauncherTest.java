package lvsd.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import lvsd.sys.GroupLauncher;
import lvsd.testing.RecordingLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** callback= and fallbackcommand= programs: run in the background, and how each ended is logged. */
class ProgramLauncherTest {

    @TempDir
    Path dir;

    private final RecordingLog log = new RecordingLog();
    private final GroupLauncher launcher = new GroupLauncher();
    private final ProgramLauncher programs = new ProgramLauncher(log, launcher);

    @AfterEach
    void close() {
        launcher.close();
    }

    /** Waits (at most 20 s) for a logged line that matches. */
    private void awaitLine(Predicate<String> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (new ArrayList<>(log.lines).stream().noneMatch(wanted)) {
            assertThat(System.nanoTime() - deadline).as("a matching log line within 20 s: " + log.lines).isNegative();
            Thread.sleep(20);
        }
    }

    @Test
    void aProgramRunsWithItsArgumentsAndItsStatusIsLogged() throws Exception {
        Path out = dir.resolve("out");
        programs.launch(List.of("sh", "-c", "echo \"$1\" > " + out + "; exit 3", "sh", "/etc/x.cf"),
                Duration.ofSeconds(30));
        awaitLine(s -> s.contains("exited with status 3"));
        assertThat(Files.readString(out)).isEqualTo("/etc/x.cf\n");
    }

    @Test
    void aHangingProgramIsKilledAtTheDeadlineAndThatIsLogged() throws Exception {
        programs.launch(List.of("sleep", "300"), Duration.ofMillis(300));
        awaitLine(s -> s.startsWith("WARN ") && s.contains("sleep 300 still running after"));
    }

    @Test
    void aMissingProgramIsLoggedNotThrown() throws Exception {
        programs.launch(List.of(dir.resolve("nonesuch").toString()), Duration.ofSeconds(1));
        awaitLine(s -> s.startsWith("ERROR cannot run "));
    }
}
