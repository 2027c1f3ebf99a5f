package lvsd.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lvsd.testing.RecordingLog;
import org.junit.jupiter.api.Test;

class DaemonLoopTest {

    private static final Path FILE = Path.of("/etc/lvsd/test.cf");
    /** A change is seen at the next 1 s poll and confirmed by a second read 100 ms later. */
    private static final Duration POLL_AND_SETTLE = Duration.ofMillis(1100);

    private final FakeDirector backend = new FakeDirector();
    private final List<List<String>> launched = new ArrayList<>();
    private final List<String> notified = new ArrayList<>();
    private final LoopClock clock = new LoopClock(1_000_000_000L);
    private String content = "";
    private IOException readFailure;

    private final RecordingLog log = new RecordingLog();
    private final List<String> logged = log.lines;

    private final Lifecycle lifecycle = new Lifecycle() {
        @Override
        public void ready(String status) {
            notified.add("READY");
        }

        @Override
        public void reloading() {
            notified.add("RELOADING");
        }

        @Override
        public void stopping() {
            notified.add("STOPPING");
        }

        @Override
        public void launch(List<String> argv, Duration deadline) {
            launched.add(argv);
        }

        @Override
        public void stateChanged(DaemonState state) {}
    };

    private final Timing timing = new Timing(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofMillis(20),
            Duration.ofMillis(100), Duration.ofSeconds(30));

    private final DaemonLoop<FakeDirector.Conf> loop = new DaemonLoop<>(FILE, backend, f -> {
        assertThat(f).isEqualTo(FILE);
        if (readFailure != null) {
            throw readFailure;
        }
        return content.getBytes(StandardCharsets.UTF_8);
    }, clock, timing, log, lifecycle);

    /** Advances the fake clock and runs whatever became due, as the runner thread does. */
    private void advance(Duration d) {
        clock.advance(loop, d);
    }

    private void started(String text) {
        content = text;
        assertThat(loop.start()).isEmpty();
    }

    @Test
    void startAppliesTheConfigAndSignalsReady() {
        started("own-a 1\nown-b 2\n");
        assertThat(backend.kernel).containsExactlyInAnyOrderEntriesOf(Map.of("own-a", 1, "own-b", 2));
        assertThat(loop.state().opsApplied()).isEqualTo(2);
        assertThat(loop.state().generation()).isEqualTo(1);
        assertThat(loop.state().phase()).isEqualTo(DaemonState.Phase.RUNNING);
        assertThat(notified).containsExactly("READY");
    }

    @Test
    void startWithABadFileReturnsEveryErrorAndTouchesNothing() {
        backend.kernel.put("foreign", 7);
        content = "own-a 1\nown-b x\nown-c\n";
        assertThat(loop.start()).containsExactly(
                "/etc/lvsd/test.cf:2: expected NAME WEIGHT, got \"own-b x\"",
                "/etc/lvsd/test.cf:3: expected NAME WEIGHT, got \"own-c\"");
        assertThat(backend.kernel).containsExactlyEntriesOf(Map.of("foreign", 7));
        assertThat(backend.activations).isEmpty();
        assertThat(notified).isEmpty();
    }

    @Test
    void startWithAMissingFileSaysSo() {
        readFailure = new NoSuchFileException(FILE.toString());
        assertThat(loop.start()).containsExactly("/etc/lvsd/test.cf: cannot read the config file: no such file");
    }

    @Test
    void autoreloadAppliesAContentChangeOnceTwoReadsAtTheNextPollAgree() {
        started("autoreload=yes\nown-a 1\n");
        content = "autoreload=yes\nown-a 5\n";
        advance(Duration.ofMillis(1099));
        assertThat(backend.kernel).containsEntry("own-a", 1);
        advance(Duration.ofMillis(1));
        assertThat(backend.kernel).containsEntry("own-a", 5);
        assertThat(loop.state().generation()).isEqualTo(2);
        assertThat(loop.state().reloadsAccepted()).isEqualTo(1);
        assertThat(loop.state().lastCycleOps()).isEqualTo(1);
        assertThat(notified).containsExactly("READY", "RELOADING", "READY");
    }

    @Test
    void aWatcherEventIsFollowedUpAfterTheSettleTimeNotAtTheNextPoll() {
        started("autoreload=yes\nown-a 1\n");
        advance(Duration.ofMillis(300));
        content = "autoreload=yes\nown-a 5\n";
        loop.handle(new Event.CheckFile("watcher"));
        advance(Duration.ofMillis(199));
        assertThat(backend.kernel).containsEntry("own-a", 1);
        advance(Duration.ofMillis(1));
        assertThat(backend.kernel).containsEntry("own-a", 5);
    }

    @Test
    void aFileCaughtHalfwayThroughAWriteIsNotLoaded() {
        started("autoreload=yes\nown-a 1\nown-b 1\n");
        content = "autoreload=yes\nown-a 1\n"; // valid, but only the first half of what is being written
        loop.handle(new Event.CheckFile("watcher"));
        advance(Duration.ofMillis(100)); // first read sees the half
        content = "autoreload=yes\nown-a 1\nown-b 1\nown-c 1\n";
        advance(Duration.ofMillis(100)); // second read disagrees: wait again
        assertThat(backend.kernel).containsKey("own-b").doesNotContainKey("own-c");
        assertThat(loop.state().generation()).isEqualTo(1);
        advance(Duration.ofMillis(100));
        assertThat(backend.kernel).containsKeys("own-a", "own-b", "own-c");
        assertThat(loop.state().generation()).isEqualTo(2);
    }

    @Test
    void anEmptyFileIsNeverLoadedWhileRunning() {
        started("autoreload=yes\nown-a 1\n");
        content = "";
        advance(Duration.ofSeconds(5));
        assertThat(backend.kernel).containsEntry("own-a", 1);
        assertThat(loop.state().reloadsRejected()).isEqualTo(1);
        loop.handle(new Event.Reload("SIGHUP"));
        advance(Duration.ofMillis(100));
        assertThat(backend.kernel).containsEntry("own-a", 1);
        assertThat(loop.state().reloadsRejected()).isEqualTo(2);
        assertThat(logged).anyMatch(l -> l.contains("the file is empty"));
        // each rejected reload still ends the service manager's reload: RELOADING then READY
        assertThat(notified).containsExactly("READY", "RELOADING", "READY", "RELOADING", "READY");
    }

    @Test
    void sameContentRewrittenIsNotAReload() {
        started("autoreload=yes\nown-a 1\n");
        content = "autoreload=yes\n" + "own-a 1\n"; // a new String, same bytes: what touch or :w does
        loop.handle(new Event.CheckFile("watcher"));
        advance(Duration.ofSeconds(3));
        assertThat(loop.state().generation()).isEqualTo(1);
        assertThat(backend.activations).containsExactly("start");
    }

    @Test
    void withoutAutoreloadAChangeOnlyRunsTheCallback() {
        started("callback=/usr/local/bin/cb\nown-a 1\n");
        content = "callback=/usr/local/bin/cb\nown-a 9\n";
        advance(POLL_AND_SETTLE);
        assertThat(backend.kernel).containsEntry("own-a", 1);
        assertThat(loop.state().generation()).isEqualTo(1);
        assertThat(launched).containsExactly(List.of("/usr/local/bin/cb", FILE.toString()));
    }

    @Test
    void callbackRunsOncePerContentChange() {
        started("autoreload=yes\ncallback=/cb\nown-a 1\n");
        content = "autoreload=yes\ncallback=/cb\nown-a 2\n";
        advance(Duration.ofSeconds(5));
        content = "autoreload=yes\ncallback=/cb\nown-a 3\n";
        advance(Duration.ofSeconds(5));
        assertThat(launched).hasSize(2);
        assertThat(loop.state().callbacks()).isEqualTo(2);
    }

    @Test
    void anInvalidEditIsRejectedAsAWholeAndTheTableStaysExactlyAsItWas() {
        started("autoreload=yes\nown-a 1\nown-b 2\n");
        backend.kernel.put("foreign", 3);
        Map<String, Integer> before = Map.copyOf(backend.kernel);
        content = "autoreload=yes\nown-a 4\nown-b two\nown-c 1\n";
        advance(POLL_AND_SETTLE);
        assertThat(backend.kernel).containsExactlyInAnyOrderEntriesOf(before);
        assertThat(loop.state().reloadsRejected()).isEqualTo(1);
        assertThat(loop.state().generation()).isEqualTo(1);
        assertThat(logged).contains("ERROR /etc/lvsd/test.cf:3: expected NAME WEIGHT, got \"own-b two\"");
        assertThat(logged).anyMatch(l -> l.startsWith("ERROR reload (autoreload) rejected: 1 error(s)"));
        // the periodic resync keeps running with the old config and changes nothing
        advance(Duration.ofSeconds(12));
        assertThat(backend.kernel).containsExactlyInAnyOrderEntriesOf(before);
        // the error is reported once, not on every poll
        assertThat(logged.stream().filter(l -> l.contains("own-b two"))).hasSize(1);
        // and fixing the file applies it
        content = "autoreload=yes\nown-a 4\nown-b 2\nown-c 1\n";
        advance(POLL_AND_SETTLE);
        assertThat(backend.kernel).containsEntry("own-a", 4).containsEntry("own-c", 1).containsEntry("foreign", 3);
        assertThat(loop.state().generation()).isEqualTo(2);
    }

    @Test
    void hangupReloadsEvenWhenTheContentIsUnchanged() {
        started("callback=/cb\nown-a 1\n");
        loop.handle(new Event.Reload("SIGHUP"));
        advance(Duration.ofMillis(100));
        assertThat(loop.state().generation()).isEqualTo(2);
        assertThat(backend.activations).containsExactly("start", "reload");
        assertThat(launched).as("callback runs on content changes only").isEmpty();
    }

    @Test
    void hangupAppliesAChangeWithoutAutoreloadAndRunsTheCallback() {
        started("callback=/cb\nown-a 1\n");
        content = "callback=/cb\nown-a 2\n";
        loop.handle(new Event.Reload("SIGHUP"));
        advance(Duration.ofMillis(100));
        assertThat(backend.kernel).containsEntry("own-a", 2);
        assertThat(launched).hasSize(1);
        // the poll that follows sees nothing new
        advance(Duration.ofSeconds(2));
        assertThat(launched).hasSize(1);
        assertThat(loop.state().generation()).isEqualTo(2);
    }

    @Test
    void aHangupWaitsForTheSettleReadSoAFileStillBeingWrittenIsNotLoaded() {
        started("own-a 1\nown-b 1\n");
        content = "own-a 1\n"; // the writer has got this far when it sends SIGHUP
        loop.handle(new Event.Reload("SIGHUP"));
        assertThat(loop.state().generation()).as("nothing taken at the signal").isEqualTo(1);
        content = "own-a 1\nown-b 1\nown-c 1\n";
        advance(Duration.ofMillis(100)); // the second read disagrees: look again
        assertThat(loop.state().generation()).isEqualTo(1);
        assertThat(backend.kernel).containsKeys("own-a", "own-b").doesNotContainKey("own-c");
        advance(Duration.ofMillis(100)); // two reads agree now
        assertThat(loop.state().generation()).isEqualTo(2);
        assertThat(backend.kernel).containsKeys("own-a", "own-b", "own-c");
        assertThat(backend.activations).containsExactly("start", "reload");
    }

    @Test
    void aPollRightAfterTheFirstReadDoesNotConfirmIt() {
        started("autoreload=yes\nown-a 1\nown-b 1\n");
        advance(Duration.ofMillis(995));
        content = "autoreload=yes\nown-a 1\n"; // half written when SIGHUP comes, 5 ms before the 1 s poll
        loop.handle(new Event.Reload("SIGHUP"));
        advance(Duration.ofMillis(10)); // the poll reads the same half: too soon to confirm anything
        assertThat(loop.state().generation()).isEqualTo(1);
        content = "autoreload=yes\nown-a 1\nown-b 1\nown-c 1\n";
        advance(Duration.ofMillis(300));
        assertThat(backend.kernel).containsKeys("own-a", "own-b", "own-c");
        assertThat(backend.activations).containsExactly("start", "reload");
    }

    @Test
    void aHangupAfterWhichTheFileVanishesSaysSoAndKeepsTheConfig() {
        started("own-a 1\n");
        loop.handle(new Event.Reload("SIGHUP"));
        readFailure = new NoSuchFileException(FILE.toString());
        advance(Duration.ofMillis(100));
        assertThat(loop.state().generation()).isEqualTo(1);
        assertThat(logged).anyMatch(l -> l.startsWith("ERROR reload (SIGHUP) failed: cannot read /etc/lvsd/test.cf:"
                + " no such file; keeping config generation 1"));
    }

    @Test
    void removingAnEntryFromTheConfigRemovesItButLeavesForeignOnes() {
        started("autoreload=yes\nown-a 1\nown-b 1\n");
        backend.kernel.put("foreign", 1);
        content = "autoreload=yes\nown-a 1\n";
        advance(POLL_AND_SETTLE);
        assertThat(backend.kernel).containsExactlyInAnyOrderEntriesOf(Map.of("own-a", 1, "foreign", 1));
    }

    @Test
    void periodicResyncPutsBackAHandDeletedEntry() {
        started("own-a 1\nown-b 1\n");
        backend.kernel.remove("own-b");
        advance(Duration.ofMillis(4999));
        assertThat(backend.kernel).doesNotContainKey("own-b");
        advance(Duration.ofMillis(1));
        assertThat(backend.kernel).containsEntry("own-b", 1);
        assertThat(logged).contains("INFO add own-b weight 1");
    }

    @Test
    void burstsOfHealthEventsCostOneReconcile() {
        started("own-a 1\n");
        int dumps = backend.dumps;
        for (int i = 0; i < 50; i++) {
            loop.handle(new Event.Reconcile("health"));
        }
        advance(Duration.ofMillis(19));
        assertThat(backend.dumps).isEqualTo(dumps);
        advance(Duration.ofMillis(1));
        assertThat(backend.dumps).isEqualTo(dumps + 1);
        // the event reconcile also restarts the resync period
        advance(Duration.ofMillis(4999));
        assertThat(backend.dumps).isEqualTo(dumps + 1);
    }

    @Test
    void aFailingCycleIsCountedAndRetriedWithoutStoppingTheLoop() {
        started("own-a 1\n");
        backend.dumpFailure = n -> n == 2 ? new IllegalStateException("netlink: ENOBUFS") : null;
        backend.kernel.clear();
        advance(Duration.ofSeconds(5));
        assertThat(loop.state().cycleFailures()).isEqualTo(1);
        assertThat(logged).anyMatch(l -> l.startsWith("ERROR reconcile (resync) failed: netlink: ENOBUFS"));
        advance(Duration.ofSeconds(5));
        assertThat(backend.kernel).containsEntry("own-a", 1);
        assertThat(loop.stopped()).isFalse();
    }

    @Test
    void aVanishedFileIsReportedOnceAndTheDaemonKeepsRunning() {
        started("autoreload=yes\nown-a 1\n");
        readFailure = new NoSuchFileException(FILE.toString());
        advance(Duration.ofSeconds(10));
        assertThat(logged.stream().filter(l -> l.contains("no such file"))).hasSize(1);
        assertThat(loop.state().generation()).isEqualTo(1);
        readFailure = null;
        content = "autoreload=yes\nown-a 2\n";
        advance(POLL_AND_SETTLE);
        assertThat(backend.kernel).containsEntry("own-a", 2);
    }

    @Test
    void stopWithCleanstopRemovesWhatTheConfigOwnsAndIgnoresLaterEvents() {
        started("own-a 1\n");
        backend.kernel.put("foreign", 1);
        loop.handle(new Event.Stop("SIGTERM"));
        assertThat(loop.stopped()).isTrue();
        assertThat(backend.kernel).containsExactlyEntriesOf(Map.of("foreign", 1));
        assertThat(notified).endsWith("STOPPING");
        assertThat(loop.state().phase()).isEqualTo(DaemonState.Phase.STOPPED);
        int dumps = backend.dumps;
        loop.handle(new Event.Reload("SIGHUP"));
        advance(Duration.ofSeconds(30));
        assertThat(backend.dumps).isEqualTo(dumps);
    }

    @Test
    void stopWithCleanstopNoLeavesTheTable() {
        started("cleanstop=no\nown-a 1\n");
        loop.handle(new Event.Stop("SIGINT"));
        assertThat(backend.kernel).containsExactlyEntriesOf(Map.of("own-a", 1));
    }

    @Test
    void nextWakeupIsThePollWhenNothingElseIsPending() {
        started("autoreload=yes\nown-a 1\n");
        assertThat(loop.nanosUntilDue()).isEqualTo(Duration.ofSeconds(1).toNanos());
        loop.handle(new Event.Reconcile("health"));
        assertThat(loop.nanosUntilDue()).isEqualTo(Duration.ofMillis(20).toNanos());
    }

    private static Event.ThreadDied died(Subsystem s) {
        return new Event.ThreadDied(s, "t-" + s, new IllegalStateException("injected"));
    }

    @Test
    void aDeadCheckThreadRestartsTheChecksAndAReconcileFollows() {
        started("own-a 1\n");
        int dumps = backend.dumps;
        loop.handle(died(Subsystem.CHECKS));
        assertThat(backend.restarts).containsExactly(Subsystem.CHECKS);
        assertThat(loop.stopped()).isFalse();
        assertThat(logged).anyMatch(l -> l.startsWith("ERROR thread t-checks (health checks) died:"
                + " java.lang.IllegalStateException: injected at lvsd.daemon.DaemonLoopTest"));
        assertThat(logged).contains("WARN restarted the health checks from config generation 1");
        advance(Duration.ofMillis(20));
        assertThat(backend.dumps).isEqualTo(dumps + 1);
    }

    @Test
    void aSubsystemThatDiesAgainWithinTheWindowStopsTheDaemonWithStatusOne() {
        started("own-a 1\n");
        loop.handle(died(Subsystem.VRRP));
        advance(DaemonLoop.RESTART_WINDOW.minusSeconds(1));
        assertThat(loop.stopped()).isFalse();
        loop.handle(died(Subsystem.VRRP));
        assertThat(backend.restarts).containsExactly(Subsystem.VRRP);
        assertThat(loop.stopped()).isTrue();
        assertThat(loop.exitStatus()).isEqualTo(1);
        assertThat(backend.shutdowns).as("VIPs handed over and cleanstop, as for SIGTERM").isEqualTo(1);
        assertThat(backend.kernel).doesNotContainKey("own-a");
        assertThat(logged).anyMatch(l -> l.startsWith("ERROR the VRRP died again within 60 s of a restart"));
    }

    @Test
    void aSubsystemThatDiesOutsideTheWindowIsRestartedAgain() {
        started("own-a 1\n");
        loop.handle(died(Subsystem.CHECKS));
        advance(DaemonLoop.RESTART_WINDOW);
        loop.handle(died(Subsystem.CHECKS));
        loop.handle(died(Subsystem.VRRP)); // another subsystem has a window of its own
        assertThat(backend.restarts).containsExactly(Subsystem.CHECKS, Subsystem.CHECKS, Subsystem.VRRP);
        assertThat(loop.stopped()).isFalse();
    }

    @Test
    void aSubsystemThatCannotBeRestartedStopsTheDaemonWithStatusOne() {
        started("own-a 1\n");
        backend.restartFailure = new IllegalStateException("cannot open VRRP sockets");
        loop.handle(died(Subsystem.VRRP));
        assertThat(loop.stopped()).isTrue();
        assertThat(loop.exitStatus()).isEqualTo(1);
        assertThat(logged).anyMatch(l -> l.startsWith(
                "ERROR cannot restart the VRRP: cannot open VRRP sockets; stopping with exit status 1"));
    }

    @Test
    void aDeadFileWatcherLeavesThePollToDoItsWork() {
        started("autoreload=yes\nown-a 1\n");
        loop.handle(died(Subsystem.FILE_WATCHER));
        assertThat(backend.restarts).isEmpty();
        assertThat(loop.stopped()).isFalse();
        content = "autoreload=yes\nown-a 2\n";
        advance(POLL_AND_SETTLE);
        assertThat(backend.kernel).containsEntry("own-a", 2);
    }

    @Test
    void aCrashOfTheLoopItselfStopsCleanlyWithStatusOne() {
        started("own-a 1\n");
        loop.crashed(new StackOverflowError("injected"));
        assertThat(loop.stopped()).isTrue();
        assertThat(loop.exitStatus()).isEqualTo(1);
        assertThat(backend.kernel).doesNotContainKey("own-a");
    }

    @Test
    void theRunnerTurnsAnEscapedErrorIntoAFatalStop() throws Exception {
        content = "own-a 1\n";
        // the runner waits in real time for the reconcile's debounce: this loop needs the real ticker
        DaemonLoop<FakeDirector.Conf> loop = new DaemonLoop<>(FILE, backend,
                f -> content.getBytes(StandardCharsets.UTF_8), lvsd.clock.Ticker.SYSTEM, timing, log, lifecycle);
        assertThat(loop.start()).isEmpty();
        backend.dumpFailure = n -> {
            throw new StackOverflowError("injected in a cycle");
        };
        DaemonRunner runner = new DaemonRunner();
        runner.post(new Event.Reconcile("health")); // the cycle throws an Error the loop does not catch
        Thread t = new Thread(() -> {
            try {
                runner.run(loop);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.start();
        t.join(10_000);
        assertThat(t.isAlive()).as("the runner returned").isFalse();
        assertThat(loop.stopped()).isTrue();
        assertThat(loop.exitStatus()).isEqualTo(1);
        assertThat(logged).anyMatch(l -> l.startsWith("ERROR the event loop failed: java.lang.StackOverflowError"));
    }

    @Test
    void aStopThatLeavesServicesBehindExitsOne() {
        started("own-a 1\n");
        backend.stuckAtStop = "own-a";
        loop.handle(new Event.Stop("SIGTERM"));
        assertThat(loop.stopped()).isTrue();
        assertThat(loop.exitStatus()).isEqualTo(1);
        assertThat(logged).contains("INFO kernel refused -D own-a",
                "ERROR clean stop incomplete: the kernel table still holds 1 of lvsd's service(s): own-a; exit status 1");
    }

    @Test
    void aCleanStopExitsZero() {
        started("own-a 1\n");
        loop.handle(new Event.Stop("SIGTERM"));
        assertThat(loop.exitStatus()).isZero();
    }

    // --- reloads asked for over the control socket: each is answered with its own outcome ---

    private final List<lvsd.status.ReloadOutcome> outcomes = new ArrayList<>();

    @Test
    void aControlReloadOfABadFileIsAnsweredRejectedWithEveryFileLineErrorAndTheTableKept() {
        started("own-a 1\n");
        content = "own-a x\nown-b\n";
        loop.requestReload("lvsd reload", outcomes::add);
        loop.handle(new Event.Reload("lvsd reload"));
        assertThat(outcomes).isEmpty(); // the settle read comes first
        advance(Duration.ofMillis(100));

        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.applied()).isFalse();
            assertThat(o.generation()).isEqualTo(1);
            assertThat(o.details()).containsExactly("/etc/lvsd/test.cf:1: expected NAME WEIGHT, got \"own-a x\"",
                    "/etc/lvsd/test.cf:2: expected NAME WEIGHT, got \"own-b\"");
            assertThat(o.status()).startsWith("running: config generation 1 kept, reload rejected: ");
        });
        assertThat(backend.kernel).containsExactlyEntriesOf(Map.of("own-a", 1));
    }

    @Test
    void controlReloadsCoalescedIntoOneEventAreAllAnsweredWithTheAppliedGeneration() {
        started("own-a 1\n");
        content = "own-a 3\n";
        loop.requestReload("lvsd reload", outcomes::add);
        loop.requestReload("lvsd reload", outcomes::add); // its Reload event was coalesced into the first
        loop.handle(new Event.Reload("lvsd reload"));
        advance(Duration.ofMillis(100));

        assertThat(outcomes).hasSize(2).allSatisfy(o -> {
            assertThat(o.applied()).isTrue();
            assertThat(o.generation()).isEqualTo(2);
            assertThat(o.status()).isEqualTo("running: config generation 2 applied");
        });
        assertThat(backend.kernel).containsEntry("own-a", 3);
    }

    @Test
    void aControlReloadStillWaitingWhenTheDaemonStopsIsAnsweredSo() {
        started("own-a 1\n");
        loop.requestReload("lvsd reload", outcomes::add);
        loop.handle(new Event.Reload("lvsd reload"));
        loop.handle(new Event.Stop("SIGTERM"));

        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.applied()).isFalse();
            assertThat(o.details()).containsExactly("the daemon is stopping (SIGTERM)");
        });
    }

    @Test
    void aControlReloadThatCannotReadTheFileIsAnsweredWithTheReason() {
        started("own-a 1\n");
        readFailure = new NoSuchFileException(FILE.toString());
        loop.requestReload("lvsd reload", outcomes::add);
        loop.handle(new Event.Reload("lvsd reload"));

        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.applied()).isFalse();
            assertThat(o.details()).singleElement().asString().contains("cannot read /etc/lvsd/test.cf: no such file");
        });
    }

    @Test
    void dumpRequestsAreAnsweredOnTheLoopWithTheBackendsRenderingOfTheConfigInForce() {
        started("own-a 1\n");
        List<String> dumps = new ArrayList<>();
        loop.requestConfigDump(dumps::add);
        loop.requestConfigDump(dumps::add);
        assertThat(dumps).isEmpty();
        loop.handle(new Event.Dump());
        assertThat(dumps).containsExactly(backend.dump(loop.config().orElseThrow()),
                backend.dump(loop.config().orElseThrow()));
    }
}
