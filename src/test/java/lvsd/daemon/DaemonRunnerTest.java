package lvsd.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lvsd.clock.Ticker;
import org.junit.jupiter.api.Test;

/** The event queue stays bounded under a flood of events, and nothing a flood asks for is lost. */
class DaemonRunnerTest {

    @Test
    void aFloodOfEventsFromManyThreadsQueuesAtMostOneOfEachKind() throws Exception {
        DaemonRunner runner = new DaemonRunner();
        int perThread = 250_000;
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread th = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    runner.post(i % 2 == 0 ? new Event.Reconcile("health " + i) : new Event.CheckFile("inotify"));
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join();
        }
        assertThat(runner.queued()).isEqualTo(2);
        assertThat(runner.coalesced()).isEqualTo(4L * perThread - 2);
    }

    @Test
    void aStopPostedBehindAFloodIsStillHandled() throws Exception {
        DaemonRunner runner = new DaemonRunner();
        FakeDirector backend = new FakeDirector();
        DaemonLoop<FakeDirector.Conf> loop = new DaemonLoop<>(Path.of("/x.cf"), backend,
                f -> "web 1\n".getBytes(StandardCharsets.UTF_8), Ticker.SYSTEM, Timing.defaults(), DaemonLog.NONE,
                Lifecycle.NONE);
        assertThat(loop.start()).isEmpty();
        for (int i = 0; i < 100_000; i++) {
            runner.post(new Event.Reconcile("flood"));
        }
        runner.post(new Event.Stop("test"));
        Thread t = new Thread(() -> {
            try {
                runner.run(loop);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.start();
        t.join(10_000);
        assertThat(t.isAlive()).as("the loop handled the stop").isFalse();
        assertThat(loop.stopped()).isTrue();
        assertThat(runner.coalesced()).isEqualTo(99_999);
    }

    @Test
    void aThreadDeathNeverHidesAStopNorAnotherSubsystemsDeath() {
        DaemonRunner runner = new DaemonRunner();
        RuntimeException cause = new IllegalStateException("injected");
        runner.post(new Event.ThreadDied(Subsystem.CHECKS, "lvsd-check-nio", cause));
        runner.post(new Event.ThreadDied(Subsystem.VRRP, "vrrp", cause));
        runner.post(new Event.Stop("SIGTERM"));
        assertThat(runner.queued()).as("two deaths of different subsystems and the stop").isEqualTo(3);
        assertThat(runner.coalesced()).isZero();
        runner.post(new Event.ThreadDied(Subsystem.CHECKS, "lvsd-check-timer", cause));
        assertThat(runner.coalesced()).as("a second death of the same subsystem waits with the first").isEqualTo(1);
    }
}
