package lvsd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The verbs' decisions and exit statuses against a scripted host (the kernel suite's verbs_test runs them for real). */
class VerbsTest {

    static final Duration T = Duration.ofSeconds(10);

    /** A host whose daemon, child and clock the test sets; each pause advances the clock by 1 s. */
    static final class Fake implements Verbs.Host {
        Long running;
        Long runningAfterLaunch;
        Verbs.Check check = new Verbs.Check(List.of(), 0, false);
        int readyAfterPauses = -1; // the child's first cycle is applied after this many pauses
        int exitAfterPauses = -1;
        int exitStatus;
        int stopAfterPauses = 0; // the daemon is gone this many pauses after SIGTERM
        boolean denied;
        long now;
        int pauses;
        int sigterm = -1;
        final List<String> calls = new ArrayList<>();

        @Override
        public Verbs.Check check() {
            calls.add("check");
            return check;
        }

        @Override
        public OptionalLong running() {
            return running == null ? OptionalLong.empty() : OptionalLong.of(running);
        }

        @Override
        public Verbs.Child launch() {
            calls.add("launch");
            if (runningAfterLaunch != null) {
                running = runningAfterLaunch;
            }
            int at = pauses;
            return new Verbs.Child() {
                public long pid() {
                    return 777;
                }

                public OptionalInt exited() {
                    return exitAfterPauses >= 0 && pauses - at >= exitAfterPauses ? OptionalInt.of(exitStatus)
                            : OptionalInt.empty();
                }

                public boolean ready() {
                    return readyAfterPauses >= 0 && pauses - at >= readyAfterPauses;
                }

                public Path log() {
                    return Path.of("/var/log/lvsd.x.cf.log");
                }

                public String logTail() {
                    return "    | /x.cf:3: bad\n";
                }
            };
        }

        @Override
        public boolean terminate(long pid) throws Verbs.Denied {
            calls.add("terminate " + pid);
            if (denied) {
                throw new Verbs.Denied("cannot send SIGTERM to pid " + pid + ": permission denied");
            }
            sigterm = pauses;
            return true;
        }

        @Override
        public boolean alive(long pid) {
            boolean alive = sigterm < 0 || pauses - sigterm < stopAfterPauses;
            if (!alive && running != null && running == pid) {
                running = null;
            }
            return alive;
        }

        @Override
        public long nanos() {
            return now;
        }

        @Override
        public void pause() {
            pauses++;
            now += 1_000_000_000L;
        }
    }

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    Verbs verbs(Fake host) {
        return new Verbs(host, Path.of("/x.cf"), new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void startReturnsZeroOnlyOnceTheFirstCycleIsApplied() throws Exception {
        Fake h = new Fake();
        h.readyAfterPauses = 3;
        assertThat(verbs(h).start(T)).isZero();
        assertThat(h.pauses).as("it waited for the status file").isEqualTo(3);
        assertThat(out.toString()).contains("started for /x.cf (pid 777, log /var/log/lvsd.x.cf.log)");
    }

    @Test
    void startOnARunningDaemonSaysSoAndSucceeds() throws Exception {
        Fake h = new Fake();
        h.running = 42L;
        assertThat(verbs(h).start(T)).isZero();
        assertThat(out.toString()).contains("already running for /x.cf (pid 42)");
        assertThat(h.calls).as("neither parsed nor launched").isEmpty();
    }

    @Test
    void startOnABadFileIsTwoAndLaunchesNothing() throws Exception {
        Fake h = new Fake();
        h.check = new Verbs.Check(List.of("/x.cf:3: checktype: unknown value \"bogus\""), 1, false);
        assertThat(verbs(h).start(T)).isEqualTo(2);
        assertThat(err.toString()).contains("/x.cf:3: checktype").contains("nothing was started or changed");
        assertThat(h.calls).containsExactly("check");
    }

    @Test
    void aNameThatDoesNotResolveNowIsOneAsForLvsdRun() throws Exception {
        Fake h = new Fake();
        h.check = new Verbs.Check(List.of("/x.cf:2: web1: temporary failure"), 1, true);
        assertThat(verbs(h).start(T)).isEqualTo(1);
    }

    @Test
    void aDaemonThatExitsAtStartPassesOnTwoElseOne() throws Exception {
        for (int status : new int[] {1, 2, 3}) {
            Fake h = new Fake();
            h.exitAfterPauses = 2;
            h.exitStatus = status;
            assertThat(verbs(h).start(T)).as("daemon exit %d", status).isEqualTo(status == 2 ? 2 : 1);
        }
        assertThat(err.toString()).contains("exited with status 3 before its first cycle").contains("| /x.cf:3: bad");
    }

    @Test
    void losingTheRaceToAnotherStartIsStillAStart() throws Exception {
        Fake h = new Fake();
        h.exitAfterPauses = 1;
        h.exitStatus = 1; // ours found the pid file locked
        h.runningAfterLaunch = 99L; // by the daemon of a start that ran at the same time
        assertThat(verbs(h).start(T)).isZero();
        assertThat(out.toString()).contains("already running for /x.cf (pid 99)");
    }

    @Test
    void startGivesUpAtItsDeadlineAndSaysTheDaemonIsLeftStarting() throws Exception {
        Fake h = new Fake();
        assertThat(verbs(h).start(Duration.ofSeconds(5))).isEqualTo(1);
        assertThat(h.pauses).isEqualTo(5);
        assertThat(err.toString()).contains("has not applied its first cycle within 5 s").contains("pid 777");
    }

    @Test
    void stopWaitsUntilTheProcessIsGone() throws Exception {
        Fake h = new Fake();
        h.running = 42L;
        h.stopAfterPauses = 4;
        assertThat(verbs(h).stop(T)).isZero();
        assertThat(h.calls).containsExactly("terminate 42");
        assertThat(h.pauses).isEqualTo(4);
        assertThat(out.toString()).contains("stopped for /x.cf (pid 42)");
    }

    @Test
    void stopWhenNotRunningIsZero() throws Exception {
        Fake h = new Fake();
        assertThat(verbs(h).stop(T)).isZero();
        assertThat(out.toString()).contains("not running for /x.cf");
        assertThat(h.calls).isEmpty();
    }

    @Test
    void stopThatOutlivesItsDeadlineIsOneAndPermissionIsFour() throws Exception {
        Fake h = new Fake();
        h.running = 42L;
        h.stopAfterPauses = 100;
        assertThat(verbs(h).stop(Duration.ofSeconds(3))).isEqualTo(1);
        assertThat(err.toString()).contains("pid 42 still runs 3 s after SIGTERM");
        Fake d = new Fake();
        d.running = 42L;
        d.denied = true;
        assertThat(verbs(d).stop(T)).isEqualTo(4);
    }

    @Test
    void restartStopsThenStartsAndABadFileStopsNothing() throws Exception {
        Fake h = new Fake();
        h.running = 42L;
        h.stopAfterPauses = 1;
        h.readyAfterPauses = 2;
        assertThat(verbs(h).restart(T)).isZero();
        assertThat(h.calls).containsExactly("check", "terminate 42", "launch");

        Fake bad = new Fake();
        bad.running = 42L;
        bad.check = new Verbs.Check(List.of("/x.cf:1: bad"), 1, false);
        assertThat(verbs(bad).restart(T)).isEqualTo(2);
        assertThat(bad.calls).containsExactly("check");
        assertThat(err.toString()).contains("the running daemon, if any, was not stopped");

        Fake stopped = new Fake();
        stopped.readyAfterPauses = 0;
        assertThat(verbs(stopped).restart(T)).as("restart of a stopped daemon starts it").isZero();
        assertThat(stopped.calls).containsExactly("check", "launch");
    }

    @Test
    void tryRestartOfAStoppedDaemonDoesNothing() throws Exception {
        Fake h = new Fake();
        assertThat(verbs(h).tryRestart(T)).isZero();
        assertThat(h.calls).isEmpty();
        assertThat(out.toString()).contains("try-restart starts nothing");
        Fake r = new Fake();
        r.running = 42L;
        r.readyAfterPauses = 0;
        assertThat(verbs(r).tryRestart(T)).isZero();
        assertThat(r.calls).containsExactly("check", "terminate 42", "launch");
    }

    @Test
    void theDaemonIsLaunchedWithThisJvmsCommand() {
        assertThat(DaemonProcesses.javaCommand(List.of("/usr/bin/java", "-XX:+UseSerialGC", "-jar",
                "/usr/share/lvsd/lvsd.jar", "start", "-f", "/x.cf")))
                .containsExactly("/usr/bin/java", "-XX:+UseSerialGC", "-jar", "/usr/share/lvsd/lvsd.jar");
        assertThat(DaemonProcesses.javaCommand(List.of("java", "-cp", "lvsd.cli.Main:x", "-Dy=1", "lvsd.cli.Main",
                "restart"))).containsExactly("java", "-cp", "lvsd.cli.Main:x", "-Dy=1", "lvsd.cli.Main");
    }
}
