package lvsd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import lvsd.config.NameResolver;
import lvsd.daemon.Backend;
import lvsd.daemon.Kernel;
import lvsd.daemon.LvsdBackend;
import lvsd.daemon.LvsdConfig;
import lvsd.ipvs.IpvsOp;
import lvsd.ipvs.IpvsTable;
import lvsd.testing.StdStreams;
import lvsd.testing.StdStreams.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command reads a config file through the one parse, so they agree on each file of the bad corpus
 * (src/test/resources/ldirectord/bad: the ldirectord fixtures, vrrp.cf, typed-values.cf): check-config, plan,
 * reload's pre-check, run (the daemon loop's parse) and LvsdBackend.parse directly, and the hidden vrrp-run all
 * print exactly the file's {@code .expected} error lines and exit 2. For reload the daemon is not signalled: a
 * stand-in "daemon" (a shell holding the pid file's lock, as PidFile requires) records a SIGHUP, and
 * a control case shows it does receive one for a good file.
 */
class OneParseTest {

    /** Fixtures whose host names only the test resolver knows: the system resolver adds these errors. */
    static final Set<String> NEEDS_CORPUS_NAMES = Set.of("ldirectord-sample-enabled");

    @TempDir
    static Path dir;
    static Process daemon;
    static Path pidFile;
    static Path hupMark;

    @BeforeAll
    static void startStandInDaemon() throws Exception {
        hupMark = dir.resolve("hup");
        pidFile = dir.resolve("daemon.pid");
        // it holds the pid file's lock and writes its pid, as lvsd run does (PidFile)
        daemon = new ProcessBuilder("bash", "-c",
                "exec 9<>\"$2\"; flock -n 9 || exit 7; echo $$ >\"$2\"; "
                        + "trap 'echo hup >>\"$1\"' HUP; while :; do sleep 0.05; done",
                "lvsd.cli.Main", hupMark.toString(), pidFile.toString())
                .start();
        awaitTrue("the stand-in daemon runs", () -> Files.exists(pidFile)
                && Files.readString(pidFile).strip().equals(Long.toString(daemon.pid())));
    }

    @AfterAll
    static void stopStandInDaemon() {
        daemon.destroy();
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    /** Polls until {@code c} holds, failing after 10 s. */
    static void awaitTrue(String what, Condition c) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!c.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting: " + what);
            }
            Thread.sleep(20);
        }
    }

    static Path bad() throws URISyntaxException {
        return Path.of(OneParseTest.class.getResource("/ldirectord/bad").toURI());
    }

    static Stream<String> fixtures() throws Exception {
        try (Stream<Path> s = Files.list(bad())) {
            List<String> names = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".cf"))
                    .map(n -> n.substring(0, n.length() - 3)).sorted().toList();
            assertThat(names).contains("vrrp", "typed-values", "values");
            return names.stream();
        }
    }

    /** The error lines of one command's stderr: {@code FILE:LINE: ...}, warnings and summaries left out. */
    static List<String> errorLines(String stderr, Path file) {
        return stderr.lines().filter(l -> l.matches(java.util.regex.Pattern.quote(file.toString()) + ":\\d+: .*"))
                .filter(l -> !l.contains(": warning: ")).toList();
    }

    static Result run(String... args) {
        return StdStreams.run(null, () -> Main.execute(args));
    }

    record Verdict(int status, List<String> errors) {}

    static Verdict command(Path file, String... args) {
        Result r = run(args);
        return new Verdict(r.status(), errorLines(r.err(), file));
    }

    static final Kernel NO_KERNEL = new Kernel() {
        @Override
        public IpvsTable table() {
            throw new AssertionError("parse only");
        }

        @Override
        public List<String> apply(List<IpvsOp> ops) {
            throw new AssertionError("parse only");
        }
    };

    @ParameterizedTest(name = "bad/{0}.cf")
    @MethodSource("fixtures")
    void everyCommandGivesTheSameVerdict(String name) throws Exception {
        Path file = dir.resolve(name + ".cf");
        Files.copy(bad().resolve(name + ".cf"), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        List<String> written = new ArrayList<>();
        for (String l : Files.readAllLines(bad().resolve(name + ".expected"), StandardCharsets.UTF_8)) {
            // the corpus names the file "NAME.cf"; here it is a path
            written.add(l.startsWith(name + ".cf:") ? file + l.substring(name.length() + 3) : l);
        }
        List<String> expected = written.stream().filter(l -> !l.contains(": warning: ")).toList();
        assertThat(expected).as("expected errors").isNotEmpty();

        Verdict check = command(file, "check-config", file.toString());
        Verdict plan = command(file, "plan", "-f", file.toString());
        Verdict reload = command(file, "reload", "-f", file.toString(), "--pid-file", pidFile.toString());
        Verdict run = command(file, "run", "-f", file.toString(), "--pid-file", dir.resolve("run.pid").toString(),
                "--status-file", "none");
        Verdict vrrpRun = command(file, "vrrp-run", "-f", file.toString());
        LvsdBackend backend = new LvsdBackend(NO_KERNEL, LvsdBackend.HealthSource.assumeUp(),
                NameResolver.system(), lvsd.clock.Ticker.SYSTEM, (argv, deadline) -> {});
        Backend.Parsed<LvsdConfig> parsed = backend.parse(file, Files.readAllBytes(file));
        assertThat(parsed).isInstanceOf(Backend.Parsed.Rejected.class);
        Verdict daemonParse = new Verdict(Main.EXIT_BAD_INPUT, ((Backend.Parsed.Rejected<LvsdConfig>) parsed).errors());

        if (NEEDS_CORPUS_NAMES.contains(name)) {
            assertThat(check.errors()).containsSubsequence(expected);
            assertThat(check.errors().stream().filter(l -> !expected.contains(l)))
                    .allMatch(l -> l.contains("cannot resolve host name"));
        } else {
            assertThat(check.errors()).containsExactlyElementsOf(expected);
        }
        assertThat(check.status()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(List.of(plan, reload, run, vrrpRun, daemonParse)).as("plan, reload, run, vrrp-run, daemon parse")
                .containsOnly(check);
        assertThat(dir.resolve("run.pid")).as("run stopped before taking the pid file").doesNotExist();
        assertThat(hupMark).as("reload signalled the daemon for a bad file").doesNotExist();
        assertThat(daemon.isAlive()).isTrue();
    }

    @Test
    void reloadSignalsTheDaemonForAGoodFileSoTheNegativeCheckMeansSomething() throws Exception {
        Path good = dir.resolve("good.cf");
        Files.writeString(good, """
                virtual=192.0.2.80:80
                    real=192.0.2.81:80 gate
                    servicename=web
                vrrp_instance=VI_1
                    interface=eth0
                    virtual_router_id=7
                    virtual_ipaddress=10.0.0.1
                    track_virtual=web
                """);
        assertThat(command(good, "check-config", good.toString())).isEqualTo(new Verdict(0, List.of()));
        Result r = run("reload", "-f", good.toString(), "--pid-file", pidFile.toString());
        assertThat(r.status()).as(r.err()).isZero();
        try {
            awaitTrue("the daemon got SIGHUP", () -> Files.exists(hupMark));
        } finally {
            Files.deleteIfExists(hupMark);
        }
    }
}
