package lvsd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Host tests of {@code lvsd plan}: the paths that need no IPVS (the host kernel has none). */
class PlanCommandTest {

    record Run(int status, String out, String err) {}

    static Run plan(String... args) {
        CommandLine cl = new CommandLine(new PlanCommand());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setParameterExceptionHandler((ex, a) -> Main.EXIT_BAD_INPUT);
        int status = cl.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void aBadFileIsRejectedWithFileAndLineBeforeTheKernelIsAsked(@TempDir Path dir) throws Exception {
        Path cf = dir.resolve("bad.cf");
        Files.writeString(cf, "virtual=192.0.2.1:80\n\treal=192.0.2.2:80 gate\n\tnosuchdirective=1\n");
        Run r = plan("-f", cf.toString());
        assertThat(r.status()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(r.err()).contains(cf + ":3:");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aMissingFileIsBadInput(@TempDir Path dir) {
        Run r = plan("-f", dir.resolve("nope.cf").toString());
        assertThat(r.status()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(r.err()).contains("nope.cf:1:");
    }

    @Test
    void withoutIpvsItSaysSoPlainlyAndPrintsNoPlan(@TempDir Path dir) throws Exception {
        assertThat(Files.exists(Path.of("/proc/net/ip_vs")))
                .as("needs a kernel without IPVS, as on the build hosts (the kernel suite covers the other side)")
                .isFalse();
        Path cf = dir.resolve("ok.cf");
        Files.writeString(cf, "virtual=192.0.2.1:80\n\treal=192.0.2.2:80 gate\n\tchecktype=on\n");
        Run r = plan("-f", cf.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("IPVS");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void fIsRequired() {
        assertThat(Main.execute("plan")).isEqualTo(Main.EXIT_BAD_INPUT);
    }
}
