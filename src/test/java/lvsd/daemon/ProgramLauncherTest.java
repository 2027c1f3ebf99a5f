package lvsd.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** callback= and fallbackcommand= programs: run in the background, killed with their children at the deadline. */
class ProgramLauncherTest {

    @TempDir
    Path dir;

    private final List<String> logged = Collections.synchronizedList(new ArrayList<>());
    private final DaemonLog log = new DaemonLog() {
        @Override
        public void info(String line) {
            logged.add("INFO " + line);
        }

        @Override
        public void warn(String line) {
            logged.add("WARN " + line);
        }

        @Override
        public void error(String line) {
            logged.add("ERROR " + line);
        }
    };

    private static void waitUntil(java.util.function.BooleanSupplier cond) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!cond.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 20 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void aProgramRunsWithItsArgumentsAndItsStatusIsLogged() throws Exception {
        Path out = dir.resolve("out");
        try (ProgramLauncher l = new ProgramLauncher(log)) {
            Process p = l.launch(List.of("sh", "-c", "echo \"$1\" > " + out + "; exit 3", "sh", "/etc/x.cf"),
                    Duration.ofSeconds(30));
            assertThat(p).isNotNull();
            waitUntil(() -> logged.stream().anyMatch(s -> s.contains("exited with status 3")));
        }
        assertThat(Files.readString(out)).isEqualTo("/etc/x.cf\n");
    }

    @Test
    void aHangingProgramAndItsChildrenAreKilledAtTheDeadline() throws Exception {
        Path childPid = dir.resolve("child.pid");
        try (ProgramLauncher l = new ProgramLauncher(log)) {
            Process p = l.launch(List.of("sh", "-c", "sleep 300 & echo $! > " + childPid + "; wait"),
                    Duration.ofMillis(300));
            waitUntil(() -> Files.exists(childPid) && fileHasLine(childPid));
            long child = Long.parseLong(Files.readString(childPid).strip());
            assertThat(ProcessHandle.of(child)).isPresent();
            waitUntil(() -> !p.isAlive() && ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false) == false);
            assertThat(logged).anyMatch(s -> s.startsWith("WARN ") && s.contains("terminating it"));
        }
    }

    @Test
    void aMissingProgramIsLoggedNotThrown() {
        try (ProgramLauncher l = new ProgramLauncher(log)) {
            assertThat(l.launch(List.of(dir.resolve("nonesuch").toString()), Duration.ofSeconds(1))).isNull();
        }
        assertThat(logged).anyMatch(s -> s.startsWith("ERROR cannot run "));
    }

    private static boolean fileHasLine(Path p) {
        try {
            return Files.readString(p).endsWith("\n");
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
