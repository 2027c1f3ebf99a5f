package lvsd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import lvsd.testing.StdStreams;
import lvsd.testing.StdStreams.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lvsd check-config}: exit status, where messages go and their format. Numeric addresses only: no DNS. */
class CheckConfigCommandTest {

    @TempDir
    Path tmp;

    private static Result run(String... args) {
        return StdStreams.run(null, () -> Main.execute(args));
    }

    private Path file(String name, String text) throws Exception {
        Path p = tmp.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void validFileExitsZeroWithASummary() throws Exception {
        Path f = file("ok.cf", "virtual=192.0.2.1:80\n\treal=192.0.2.10 gate\n\treal=192.0.2.11 gate\n");
        Result r = run("check-config", f.toString());
        assertThat(r.status()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo(f + ": OK, 1 virtual services, 2 real servers, 0 other blocks, 0 warnings\n");
    }

    @Test
    void warningsGoToStderrAndDoNotFail() throws Exception {
        Path f = file("warn.cf", "supervised\nvirtual=192.0.2.1:80\n\treal=192.0.2.10 gate\n");
        Result r = run("check-config", f.toString());
        assertThat(r.status()).isZero();
        assertThat(r.err()).isEqualTo(f + ":1: warning: a bare \"supervised\" means supervised=yes; please write"
                + " supervised=yes\n");
    }

    @Test
    void strictTurnsEveryWarningIntoAnError() throws Exception {
        Path f = file("quirk.cf", "checktimeout=3s\nvirtual=192.0.2.1:80\n\treal=192.0.2.10 gate -w 5\n");
        Result lenient = run("check-config", f.toString());
        assertThat(lenient.status()).isZero();
        assertThat(lenient.err().lines().toList()).containsExactly(
                f + ":1: warning: checktimeout=3s is read as 3 seconds, as ldirectord reads it; please write"
                        + " checktimeout=3",
                f + ":3: warning: \"-w 5\" is read as the weight 5, as ldirectord reads it; please write the weight"
                        + " alone after the forwarding method");
        assertThat(lenient.out()).endsWith(", 2 warnings\n");

        Result strict = run("check-config", "--strict", f.toString());
        assertThat(strict.status()).isEqualTo(2);
        assertThat(strict.out()).isEmpty();
        assertThat(strict.err().lines().toList()).containsExactly(
                f + ":1: strict: checktimeout=3s is read as 3 seconds, as ldirectord reads it; please write"
                        + " checktimeout=3",
                f + ":3: strict: \"-w 5\" is read as the weight 5, as ldirectord reads it; please write the weight"
                        + " alone after the forwarding method",
                f + ": 2 errors");
    }

    @Test
    void strictYesInTheFileIsTheSameAsTheOption() throws Exception {
        Path missing = tmp.resolve("no-such-maintenance-dir");
        Path f = file("strict.cf", "strict=yes\nmaintenancedir=" + missing + "\nvirtual=192.0.2.1:80\n"
                + "\treal=192.0.2.10 gate\n");
        Result r = run("check-config", f.toString());
        assertThat(r.status()).isEqualTo(2);
        // the warning that comes from the disk, not the parser, is an error too
        assertThat(r.err().lines().toList()).containsExactly(
                f + ":2: strict: maintenance directory " + missing + " does not exist", f + ": 1 error");
        Files.createDirectory(missing);
        Result clean = run("check-config", "--strict", f.toString());
        assertThat(clean.status()).isZero();
        assertThat(clean.out()).endsWith(", 0 warnings\n");
    }

    @Test
    void aMisreadingIsRefusedWithWhatLdirectordWouldHaveDone() throws Exception {
        Path f = file("misread.cf", "virtual=192.168.10.10\n\treal=192.0.2.10 gate\n");
        Result r = run("check-config", f.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().lines().toList()).containsExactly(
                f + ":1: invalid virtual service \"192.168.10.10\": ldirectord would silently read it as the"
                        + " firewall mark 192; write ADDRESS:PORT (e.g. 192.168.10.10:80) for an address, or"
                        + " virtual=192 for a firewall mark",
                f + ": 1 error");
    }

    @Test
    void aMissingMaintenanceDirIsAWarningAtItsLine() throws Exception {
        Path missing = tmp.resolve("no-such-maintenance-dir");
        Path f = file("maint.cf", "supervised\nmaintenancedir=" + missing + "\nvirtual=192.0.2.1:80\n"
                + "\treal=192.0.2.10 gate\n");
        Result r = run("check-config", f.toString());
        assertThat(r.status()).isZero();
        assertThat(r.err().lines().toList()).containsExactly(
                f + ":1: warning: a bare \"supervised\" means supervised=yes; please write supervised=yes",
                f + ":2: warning: maintenance directory " + missing + " does not exist");
        assertThat(r.out()).endsWith(", 2 warnings\n");
        Files.createDirectory(missing);
        assertThat(run("check-config", f.toString()).out()).endsWith(", 1 warnings\n");
    }

    @Test
    void everyErrorIsOneFileLineMessageAndTheStatusIsTwo() throws Exception {
        Path f = file("bad.cf", "quiescent=perhaps\nvirtual=192.0.2.1:80\n\treal=192.0.2.10 nope\n\tfoo=bar\n");
        Result r = run("check-config", f.toString());
        assertThat(r.status()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines().toList()).containsExactly(
                f + ":1: quiescent must be 'yes' or 'no', got \"perhaps\"",
                f + ":3: real server \"192.0.2.10\" needs a forwarding method (gate, masq or ipip) after the"
                        + " address, got \"nope\"",
                f + ":4: unknown directive \"foo\" in a virtual block (see docs/config.md for the directives"
                        + " ldirectord and lvsd accept)",
                f + ": 3 errors");
    }

    @Test
    void missingFileIsBadInput() {
        Path f = tmp.resolve("absent.cf");
        Result r = run("check-config", f.toString());
        assertThat(r.status()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(r.err()).startsWith(f + ":1: cannot read the configuration file: no such file\n");
    }

    @Test
    void dumpPrintsTheModelAsJson() throws Exception {
        Path f = file("dump.cf", "virtual=192.0.2.1:80\n\treal=192.0.2.10:80 masq 3\n");
        Result r = run("check-config", "--dump", f.toString());
        assertThat(r.status()).isZero();
        assertThat(r.out()).startsWith("{\n  \"file\": \"" + f + "\",\n  \"globals\": {")
                .contains("\"id\": \"tcp:192.0.2.1:80\"")
                .contains("\"address\": \"192.0.2.10\",\n          \"port\": 80,\n          \"forwarding\": \"masq\","
                        + "\n          \"weight\": 3,")
                .endsWith("}\n");
    }

    @Test
    void missingArgumentIsBadInput() {
        assertThat(run("check-config").status()).isEqualTo(Main.EXIT_BAD_INPUT);
    }

    @Test
    void shippedSampleConfigIsValid() {
        Result r = run("check-config", Path.of("etc/ldirectord.cf").toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.status()).isZero();
    }
}
