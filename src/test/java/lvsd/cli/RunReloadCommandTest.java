package lvsd.cli;

import static lvsd.testing.StdStreams.stderrOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host side of lvsd run / lvsd reload: argument and config errors, a daemon that is not running. */
class RunReloadCommandTest {

    @TempDir
    Path dir;

    @Test
    void reloadWithABrokenFileIsBadInputAndSignalsNobody() throws Exception {
        Path cf = dir.resolve("l.cf");
        Files.writeString(cf, "virtual=192.0.2.1:80\n    real=10.0.0.2:80 gate 1\n    bogus=1\n");
        int[] status = new int[1];
        String err = stderrOf(() -> status[0] = Main.execute("reload", "-f", cf.toString(),
                "--pid-file", dir.resolve("p.pid").toString()));
        assertThat(status[0]).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(err).contains(cf + ":3: ").contains("was not signalled");
    }

    @Test
    void reloadWithoutARunningDaemonFails() throws Exception {
        Path cf = dir.resolve("l.cf");
        Files.writeString(cf, "virtual=192.0.2.1:80\n    real=10.0.0.2:80 gate 1\n");
        Files.writeString(dir.resolve("p.pid"), "2147483000\n"); // stale: no such process
        int[] status = new int[1];
        String err = stderrOf(() -> status[0] = Main.execute("reload", "-f", cf.toString(),
                "--pid-file", dir.resolve("p.pid").toString()));
        assertThat(status[0]).isEqualTo(1);
        assertThat(err).contains("lvsd is not running for " + cf);
    }

    @Test
    void runRejectsABadMetricsAddress() {
        int[] status = new int[1];
        String err = stderrOf(() -> status[0] = Main.execute("run", "-f", dir.resolve("l.cf").toString(),
                "--metrics", "nonsense"));
        assertThat(status[0]).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(err).contains("--metrics expects HOST:PORT");
    }

    @Test
    void runWithABrokenFileExitsTwoAndPrintsEveryError() throws Exception {
        Path cf = dir.resolve("l.cf");
        Files.writeString(cf, "bogus=1\nvirtual=192.0.2.1:80\n    real=10.0.0.2:80 nonsense 1\n");
        int[] status = new int[1];
        String err = stderrOf(() -> status[0] = Main.execute("run", "-f", cf.toString(),
                "--pid-file", dir.resolve("p.pid").toString(), "--status-file", "none"));
        assertThat(status[0]).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(err).contains(cf + ":1: ").contains(cf + ":3: ").contains("nothing was changed");
        assertThat(dir.resolve("p.pid")).doesNotExist();
    }
}
