package lvsd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LdirectordArgsTest {

    static final Set<String> SUBCOMMANDS = new CommandLine(new Main()).getSubcommands().keySet();

    private static String[] rw(Predicate<Path> files, String... args) {
        return LdirectordArgs.rewrite(args, SUBCOMMANDS, files);
    }

    private static String[] rw(String... args) {
        return rw(p -> false, args);
    }

    @Test
    void fileThenVerbBecomesVerbDashF() {
        for (String verb : LdirectordArgs.VERBS) {
            assertThat(rw("/etc/lvsd/web.cf", verb)).containsExactly(verb, "-f", "/etc/lvsd/web.cf");
        }
        assertThat(rw("--", "/x.cf", "stop")).containsExactly("stop", "-f", "/x.cf");
    }

    @Test
    void aRelativeNameIsLookedUpAsLdirectordDoes() {
        Predicate<Path> haD = p -> p.equals(Path.of("/etc/ha.d/web.cf"));
        Predicate<Path> conf = p -> p.equals(Path.of("/etc/ha.d/conf/web.cf"));
        Predicate<Path> both = haD.or(conf);
        assertThat(rw(both, "web.cf", "start")).containsExactly("start", "-f", "/etc/ha.d/web.cf");
        assertThat(rw(conf, "web.cf", "start")).containsExactly("start", "-f", "/etc/ha.d/conf/web.cf");
        assertThat(rw(p -> false, "web.cf", "start")).as("else the name itself, from the working directory")
                .containsExactly("start", "-f", "web.cf");
        assertThat(rw(both, "/srv/web.cf", "start")).as("an absolute path is taken as it is")
                .containsExactly("start", "-f", "/srv/web.cf");
    }

    @Test
    void noFileMeansTheFirstDefaultThatExists() {
        assertThat(rw("stop")).as("none exists: ldirectord's").containsExactly("stop", "-f", "/etc/ha.d/ldirectord.cf");
        assertThat(rw(p -> p.equals(Path.of("/etc/lvsd/lvsd.cf")), "reload"))
                .containsExactly("reload", "-f", "/etc/lvsd/lvsd.cf");
        assertThat(rw(p -> true, "force-reload")).containsExactly("force-reload", "-f", "/etc/ha.d/ldirectord.cf");
    }

    @Test
    void debugStartsInTheForegroundAndOtherOptionsFollowTheVerb() {
        assertThat(rw("-d", "/x.cf", "start")).containsExactly("run", "-f", "/x.cf");
        assertThat(rw("--debug", "/x.cf", "stop")).containsExactly("stop", "-f", "/x.cf");
        assertThat(rw("--timeout=300", "/x.cf", "start")).containsExactly("start", "-f", "/x.cf", "--timeout=300");
    }

    @Test
    void lvsdsOwnFormsPassUntouched() {
        String[][] same = {
            {"status"}, {"status", "--json"}, {"start", "-f", "/x.cf"}, {"run", "-f", "/x.cf"},
            {"check-config", "start"}, {"help", "start"}, {"--help"}, {}, {"/x.cf"}, {"/x.cf", "bogus"},
            {"--timeout", "300", "/x.cf", "start"}, {"ipvs", "save"},
        };
        for (String[] args : same) {
            assertThat(rw(args)).as(String.join(" ", args)).isEqualTo(args);
        }
    }

    @Test
    void theRewrittenLineParses() {
        CommandLine cl = new CommandLine(new Main());
        CommandLine.ParseResult r = cl.parseArgs(rw("/x.cf", "try-restart"));
        assertThat(r.subcommand().commandSpec().name()).isEqualTo("try-restart");
        assertThat(r.subcommand().matchedOptionValue("-f", (Path) null)).isEqualTo(Path.of("/x.cf"));
    }
}
