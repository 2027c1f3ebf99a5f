package lvsd.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The quirk sorting of docs/config.md §5 without ldirectord (LdirectordVerdictNetnsTest checks the verdicts against
 * the real one): what lvsd reads for an accepted quirk, and strict mode.
 */
class LdirectordQuirksTest {

    @Test
    void lineEndingsAreSplitAsStringLinesDoesKeepingTheCrOfCrLf() {
        assertThat(ConfigParser.splitLines("a\r\nb\nc\rd\r\n\r\ne")).containsExactly("a\r", "b", "c", "d\r", "\r", "e");
        assertThat(ConfigParser.splitLines("a\n")).containsExactly("a");
        assertThat(ConfigParser.splitLines("")).isEmpty();
    }

    @Test
    void aCrLfFileIsTheSameModelWithOneWarning() {
        String lf = "checktimeout=3\nvirtual=192.0.2.1:80\n\treal=192.0.2.10 gate 2\n\n# c\nvirtual=192.0.2.1:81\n"
                + "\treal=192.0.2.11 gate\n";
        ParseResult crlf = Parsing.parse(lf.replace("\n", "\r\n"));
        assertThat(crlf.ok()).isTrue();
        assertThat(crlf.warnings()).extracting(d -> d.pos().line()).containsExactly(1);
        assertThat(ConfigJson.dump(crlf.config())).isEqualTo(ConfigJson.dump(Parsing.ok(lf)));
    }

    @Test
    void anAcceptedQuirkBuildsWhatTheCleanLineBuilds() {
        String quirky = "checktimeout=3s\nvirtual=192.0.2.1:80 web\n\treal=192.0.2.10 gate -w 5\n"
                + "\treal=192.0.2.11 gate web2 3 l:1 u:9\n\tscheduler=\"wlc\"\n\tpersistent=300 s\n";
        String clean = "checktimeout=3\nvirtual=192.0.2.1:80\n\treal=192.0.2.10 gate 5\n"
                + "\treal=192.0.2.11 gate 3 l:1 u:9\n\tscheduler=wlc\n\tpersistent=300\n";
        ParseResult r = Parsing.parse(quirky);
        assertThat(r.warnings()).extracting(d -> d.pos().line()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(ConfigJson.dump(r.config())).isEqualTo(ConfigJson.dump(Parsing.ok(clean)));
        assertThat(Parsing.parse(clean).warnings()).isEmpty();
    }

    @Test
    void dashWBeforeTheWeightIsReadAlsoWithTheOtherFields() {
        ParseResult r = Parsing.parse("virtual=192.0.2.1:80\n\treal=192.0.2.10 gate -w 5 \"/a\", \"ok\" l:1 u:2\n");
        assertThat(r.warnings()).extracting(Diagnostic::message).singleElement().asString().startsWith("\"-w 5\"");
        RealServer real = r.config().virtuals().get(0).reals().get(0);
        assertThat(real.weight()).isEqualTo(5);
        assertThat(real.request()).contains("/a");
        assertThat(real.lowerThreshold()).isEqualTo(1);
        assertThat(Parsing.parse("virtual=192.0.2.1:80\n\treal=192.0.2.10 gate -x 5\n").ok()).isFalse();
    }

    @Test
    void strictMakesEveryWarningAnErrorAtItsLine() {
        ParseResult lenient = Parsing.parse("virtual=192.0.2.1:80\n\treal=192.0.2.10 gate -w 5\n");
        ParseResult strict = lenient.asStrict();
        assertThat(strict.ok()).isFalse();
        assertThat(strict.strict()).isTrue();
        assertThat(strict.errors()).extracting(Diagnostic::toString).containsExactly(
                "t.cf:2: strict: \"-w 5\" is read as the weight 5, as ldirectord reads it; please write the weight"
                        + " alone after the forwarding method");
        ParseResult inFile = Parsing.parse("strict=yes\nvirtual=192.0.2.1:80\n\treal=192.0.2.10 gate -w 5\n");
        assertThat(inFile.ok()).isFalse();
        assertThat(inFile.errors()).extracting(d -> d.pos().line()).isEqualTo(List.of(3));
        assertThat(Parsing.parse("strict=yes\nvirtual=192.0.2.1:80\n\treal=192.0.2.10 gate 5\n").ok()).isTrue();
        assertThat(Parsing.parse("strict=maybe\n").errors()).isNotEmpty();
    }
}
