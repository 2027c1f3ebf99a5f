package lvsd.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import lvsd.clock.Ticker;
import lvsd.config.NameResolver;
import lvsd.config.RealServer;
import lvsd.testing.RecordingLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The config file rewritten in place every 50 ms for 10 s (truncated, then written in two parts, so a reader can
 * catch it half-written) while the daemon autoreloads and the writing script sends SIGHUP too early: in real time,
 * with the file watcher, the disk reader, the real parser and director over an in-memory kernel. No config the
 * daemon activates is ever a partial file, and the last complete one is in force at the end.
 */
class ConfigChurnTest {

    private static final int VIRTUALS = 4;

    /**
     * The settle time, longer than the default 250 ms: a writer that stalls mid-write for longer than this is
     * indistinguishable from one that finished (by design), and on a loaded 2-core machine a 20 ms pause can
     * become a few hundred; the longest pause actually seen is checked against it below.
     */
    private static final Duration SETTLE = Duration.ofSeconds(2);

    /** The longest time a write left the file partial, in nanoseconds. */
    private long longestPartialNanos;

    @TempDir
    Path dir;

    private final MemoryKernel kernel = new MemoryKernel();
    private final RecordingLog log = new RecordingLog();
    private final DaemonRunner runner = new DaemonRunner();
    /** Per activated config: the weights of its reals (a complete file has VIRTUALS equal weights). */
    private final List<List<Integer>> activated = new CopyOnWriteArrayList<>();
    private Thread loopThread;
    private FileWatcher watcher;

    /** Version {@code k}: VIRTUALS virtuals whose one real each has weight k % 9 + 1, and a trailing marker. */
    private static String version(int k) {
        return "autoreload=yes\n" + IntStream.rangeClosed(1, VIRTUALS).mapToObj(i -> """
                virtual=192.168.10.%d:80
                    checktype=on
                    real=10.0.0.2:80 gate %d
                """.formatted(i, k % 9 + 1)).collect(Collectors.joining()) + "# version " + k + "\n";
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (watcher != null) {
            watcher.close();
        }
        if (loopThread != null) {
            runner.post(new Event.Stop("test over"));
            loopThread.join(10_000);
        }
    }

    /**
     * Rewrites {@code file} in place as a script without rename does: truncate, the first two virtuals, SIGHUP
     * (too early), a pause, the rest. The partial file is a valid config that lacks half the virtuals: only the
     * settle read keeps it out.
     */
    private void writeInPlace(Path file, String text, long pauseMillis) throws IOException, InterruptedException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        int cut = text.indexOf("virtual=192.168.10.3:80");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.wrap(b, 0, cut));
            long partialSince = System.nanoTime();
            runner.post(new Event.Reload("SIGHUP"));
            Thread.sleep(pauseMillis); // the window in which the file is partial
            ch.write(ByteBuffer.wrap(b, cut, b.length - cut));
            longestPartialNanos = Math.max(longestPartialNanos, System.nanoTime() - partialSince);
        }
    }

    @Test
    void aFileRewrittenEvery50MsIsNeverLoadedHalfWritten() throws Exception {
        Path file = dir.resolve("churn.cf");
        Files.writeString(file, version(0));
        LvsdBackend real = new LvsdBackend(kernel, LvsdBackend.HealthSource.assumeUp(), NameResolver.system(),
                Ticker.SYSTEM, (a, d) -> {});
        Backend<LvsdConfig> recording = new Recording(real);
        DaemonLoop<LvsdConfig> loop = new DaemonLoop<>(file, recording, DaemonLoop.FileSource.DISK, Ticker.SYSTEM,
                new Timing(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofMillis(20), SETTLE,
                        Duration.ofSeconds(30)), log, Lifecycle.NONE, Runnable::run, runner::post);
        assertThat(loop.start()).isEmpty();
        watcher = FileWatcher.start(file, runner::post);
        loopThread = LoopThread.start(runner, loop);

        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int k = 0;
        while (System.nanoTime() < end) {
            k++;
            writeInPlace(file, version(k), 20);
            Thread.sleep(30);
        }
        int last = k;
        await().atMost(Duration.ofSeconds(20)).until(() -> kernel.save().contains("-g -w " + (last % 9 + 1) + "\n")
                && kernel.save().lines().filter(l -> l.contains("-g -w " + (last % 9 + 1))).count() == VIRTUALS);

        assertThat(Duration.ofNanos(longestPartialNanos)).as("the writer stalled mid-write longer than the settle"
                + " time (an overloaded machine, not a daemon fault)").isLessThan(SETTLE);
        assertThat(activated).as("activations").isNotEmpty();
        for (List<Integer> weights : activated) {
            assertThat(weights).as("every activated config is a complete version").hasSize(VIRTUALS)
                    .containsOnly(weights.get(0));
        }
        assertThat(kernel.save().lines().filter(l -> l.startsWith("-A "))).hasSize(VIRTUALS);
        assertThat(loop.state().generation()).isEqualTo(activated.size());
        assertThat(loop.stopped()).isFalse();
    }

    /** The real backend, recording each config it is asked to activate. */
    private final class Recording implements Backend<LvsdConfig> {
        private final LvsdBackend real;

        Recording(LvsdBackend real) {
            this.real = real;
        }

        @Override
        public Parsed<LvsdConfig> parse(Path file, byte[] content) {
            return real.parse(file, content);
        }

        @Override
        public LoopSettings settings(LvsdConfig config) {
            return real.settings(config);
        }

        @Override
        public Optional<String> largeRemoval(LvsdConfig running, LvsdConfig next) {
            return real.largeRemoval(running, next);
        }

        @Override
        public void activate(Optional<LvsdConfig> previous, LvsdConfig next) {
            activated.add(next.config().virtuals().stream()
                    .flatMap(v -> v.reals().stream().map(RealServer::weight)).toList());
            real.activate(previous, next);
        }

        @Override
        public CycleReport reconcile(LvsdConfig config) {
            return real.reconcile(config);
        }

        @Override
        public CycleReport shutdown(LvsdConfig config) {
            return real.shutdown(config);
        }

        @Override
        public void close() {
            real.close();
        }
    }
}
