package lvsd.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import lvsd.clock.Ticker;
import lvsd.status.ReloadOutcome;

/**
 * The daemon's decisions, free of threads: what to do on each {@link Event} and when timers are due. One thread
 * ({@link DaemonRunner}) feeds it events and calls {@link #runDue()} when {@link #nanosUntilDue()} says so;
 * tests call the same methods with a hand-stepped {@link Ticker}.
 *
 * <p>Rules, after ldirectord's: a reload parses the whole file first and a file with any error is rejected as a
 * whole (every {@code FILE:LINE} logged, the running config and the kernel table untouched); the file's
 * <em>content</em> decides whether it changed (a hash, so touch and write-and-rename editors behave); callback=
 * runs on every content change, with or without autoreload; SIGHUP reloads even when nothing changed.
 *
 * <p>Supervision: a subsystem whose thread died ({@link Event.ThreadDied}) is restarted from the config in
 * force; one that dies again within {@link #RESTART_WINDOW} of its restart, or cannot be restarted, stops the
 * daemon (VIPs handed over, then cleanstop) with exit status 1, so the service manager starts a fresh process.
 * The file watcher is not restarted: the periodic poll does its work. A stop that leaves lvsd's services in the
 * table also exits 1.
 *
 * <p>A reload's parse resolves host names, which can take seconds when DNS is slow. With a parse executor it runs
 * there: the result comes back as {@link Event.ConfigParsed}, and meanwhile the loop handles signals, health
 * events and cycles with the config in force. A newer reload supersedes a parse still running; a parse that has
 * not come back within {@link #PARSE_DEADLINE} is given up (the reload is rejected, the config kept). The
 * start-up parse runs on the calling thread, before the loop serves anything.
 */
public final class DaemonLoop<C> {

    /** A start-up failure that is not the config file's fault (exit status 1, not 2). */
    public static final class StartException extends RuntimeException {
        public StartException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Reads the config file; a function so tests can serve content from memory. */
    @FunctionalInterface
    public interface FileSource {
        byte[] read(Path file) throws IOException;

        /** Reads at most the parser's size cap (and one byte more, so the parser can say the file is too big). */
        FileSource DISK = lvsd.config.ConfigParser::readCapped;
    }

    private static final long NEVER = Long.MAX_VALUE;

    /** A reload whose parse (name resolution) takes longer than this is rejected; the config in force is kept. */
    static final java.time.Duration PARSE_DEADLINE = java.time.Duration.ofSeconds(15);

    /** A subsystem that dies again this soon after its restart is not restarted again: the daemon exits 1. */
    static final java.time.Duration RESTART_WINDOW = java.time.Duration.ofSeconds(60);

    private final Path file;
    private final Backend<C> backend;
    private final FileSource files;
    private final Ticker ticker;
    private final Timing timing;
    private final DaemonLog log;
    private final Lifecycle lifecycle;
    /** Where reload parses run; null: on the loop thread (tests that step the loop by hand). */
    private final java.util.concurrent.Executor parses;
    private final java.util.function.Consumer<Event> post;
    /** The reload whose parse is running (null: none), and where the parse thread leaves its result. */
    private PendingParse pendingParse;
    private long parseTickets;
    private final java.util.concurrent.atomic.AtomicReference<ParseDone<C>> parsed =
            new java.util.concurrent.atomic.AtomicReference<>();

    private record PendingParse(long ticket, String sha, String why, long deadline) {}

    private record ParseDone<C>(long ticket, Backend.Parsed<C> result) {}

    private C running;
    private Backend.LoopSettings settings;
    private String lastSeenSha = "";
    private String pendingSha = "";
    /** When {@link #pendingSha} was read: only a read at least the settle time later confirms it. */
    private long pendingReadAt;
    private String lastReadError = "";
    /** A SIGHUP or {@code lvsd reload} waiting for its settle read (null: none); applied even if unchanged. */
    private String forcedReload;
    private volatile DaemonState state = DaemonState.initial();
    /** Replies for {@code lvsd reload} over the control socket, posted from any thread, taken at the next Reload. */
    private final java.util.concurrent.ConcurrentLinkedQueue<java.util.function.Consumer<ReloadOutcome>> replyQueue =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    /** Replies waiting for the forced reload's settle read. */
    private final List<java.util.function.Consumer<ReloadOutcome>> awaitingRead = new ArrayList<>();
    /** Replies waiting for the outcome of the reload being applied (its parse may still run). */
    private final List<java.util.function.Consumer<ReloadOutcome>> awaitingOutcome = new ArrayList<>();
    /** Requests for the config in force (control socket dump, SIGUSR1), answered on the loop thread. */
    private final java.util.concurrent.ConcurrentLinkedQueue<java.util.function.Consumer<String>> dumpQueue =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    private long nextFilePoll = NEVER;
    private long fileCheckAt = NEVER;
    private long nextResync = NEVER;
    private long reconcileAt = NEVER;
    private boolean stopped;
    private int exitStatus;
    private final java.util.Map<Subsystem, Long> lastRestart = new java.util.EnumMap<>(Subsystem.class);

    public DaemonLoop(Path file, Backend<C> backend, FileSource files, Ticker ticker, Timing timing, DaemonLog log,
            Lifecycle lifecycle) {
        this(file, backend, files, ticker, timing, log, lifecycle, null, e -> {});
    }

    /**
     * @param parses runs reload parses off the loop (a small bounded executor); null runs them on the loop
     * @param post hands an event to the loop thread (the runner's {@code post})
     */
    public DaemonLoop(Path file, Backend<C> backend, FileSource files, Ticker ticker, Timing timing, DaemonLog log,
            Lifecycle lifecycle, java.util.concurrent.Executor parses, java.util.function.Consumer<Event> post) {
        this.parses = parses;
        this.post = Objects.requireNonNull(post, "post");
        this.file = Objects.requireNonNull(file, "file");
        this.backend = Objects.requireNonNull(backend, "backend");
        this.files = Objects.requireNonNull(files, "files");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.timing = Objects.requireNonNull(timing, "timing");
        this.log = Objects.requireNonNull(log, "log");
        this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
    }

    /**
     * Loads the config and brings the kernel in line with it. Returns the config errors that prevent a start (the
     * caller prints them and exits 2); an empty list means the daemon is running.
     *
     * @throws StartException when the config is fine but the daemon cannot start (IPVS or VRRP unavailable)
     */
    public List<String> start() {
        byte[] content;
        try {
            content = files.read(file);
        } catch (IOException e) {
            return List.of(file + ": cannot read the config file: " + describe(e));
        }
        Backend.Parsed<C> parsed = backend.parse(file, content);
        if (parsed instanceof Backend.Parsed.Rejected<C> rejected) {
            if (rejected.retryable()) {
                // a DNS blip at boot is not a config error: exit 1, and systemd starts lvsd again
                throw new StartException(String.join("\n", rejected.errors()), null);
            }
            return rejected.errors();
        }
        Backend.Parsed.Accepted<C> accepted = (Backend.Parsed.Accepted<C>) parsed;
        accepted.warnings().forEach(log::warn);
        String sha = sha256(content);
        lastSeenSha = sha;
        try {
            backend.activate(Optional.empty(), accepted.config());
        } catch (RuntimeException e) {
            throw new StartException(describe(e), e);
        }
        adopt(accepted.config(), sha, false);
        long now = ticker.nanos();
        nextFilePoll = now + timing.filePoll().toNanos();
        try {
            reconcileOrThrow();
        } catch (RuntimeException e) {
            // as ldirectord, which exits when its first table read fails: a daemon that cannot reach IPVS at
            // start is misconfigured (no ip_vs, no CAP_NET_ADMIN), not having a bad moment
            throw new StartException("cannot bring the kernel table in line: " + describe(e), e);
        }
        state = state.withPhase(DaemonState.Phase.RUNNING);
        log.info("started with " + file + " (sha256 " + shortSha(sha) + ")");
        lifecycle.ready(applied());
        lifecycle.stateChanged(state);
        return List.of();
    }

    /** Handles one event on the loop thread. Never throws for a failure of the outside world. */
    public void handle(Event event) {
        if (stopped) {
            return;
        }
        if (event instanceof Event.Reload r) {
            for (var reply = replyQueue.poll(); reply != null; reply = replyQueue.poll()) {
                awaitingRead.add(reply);
            }
            reload(r.why());
        } else if (event instanceof Event.Dump) {
            answerDumps();
        } else if (event instanceof Event.CheckFile) {
            // wait for the writer to finish: every new event pushes the look out again, and a read from before
            // this write confirms nothing (a writer that rewrites the same text makes equal partial files)
            pendingSha = "";
            if (forcedReload != null || settings.autoreload() || !settings.callback().isEmpty()) {
                fileCheckAt = ticker.nanos() + timing.settle().toNanos();
            }
        } else if (event instanceof Event.Reconcile) {
            reconcileAt = Math.min(reconcileAt, ticker.nanos() + timing.debounce().toNanos());
        } else if (event instanceof Event.ConfigParsed) {
            parseDone();
        } else if (event instanceof Event.ThreadDied d) {
            threadDied(d);
        } else if (event instanceof Event.Stop s) {
            stop(s.why());
        }
        lifecycle.stateChanged(state);
    }

    /** Runs the timers that are due: a coalesced or periodic reconcile, and the config file poll. */
    public void runDue() {
        if (stopped) {
            return;
        }
        long now = ticker.nanos();
        DaemonState before = state;
        boolean reconciled = false;
        if (now - reconcileAt >= 0 || now - nextResync >= 0) {
            reconcile(now - reconcileAt >= 0 ? "event" : "resync");
            reconciled = true;
        }
        if (pendingParse != null && now - pendingParse.deadline() >= 0) {
            parseTimedOut();
        }
        if (now - nextFilePoll >= 0 || now - fileCheckAt >= 0) {
            nextFilePoll = now + timing.filePoll().toNanos();
            fileCheckAt = NEVER;
            if (forcedReload != null || settings.autoreload() || !settings.callback().isEmpty()) {
                checkFile();
            }
        }
        // a quiet file poll changes nothing: do not re-render the status (10,000 reals make it large)
        if (reconciled || !state.equals(before)) {
            lifecycle.stateChanged(state);
        }
    }

    /** Nanoseconds until {@link #runDue()} has work; 0 when something is already due. */
    public long nanosUntilDue() {
        long next = Math.min(Math.min(nextFilePoll, fileCheckAt), Math.min(nextResync, reconcileAt));
        if (pendingParse != null) {
            next = Math.min(next, pendingParse.deadline());
        }
        if (next == NEVER || stopped) {
            return NEVER;
        }
        return Math.max(0, next - ticker.nanos());
    }

    public boolean stopped() {
        return stopped;
    }

    /** The process's exit status once {@link #stopped}: 0 after a clean stop, 1 after a fatal fault. */
    public int exitStatus() {
        return exitStatus;
    }

    /**
     * Something escaped the loop itself (a bug: every outside failure is handled where it happens). Stops as for a
     * fatal fault: VIPs handed over, cleanstop, exit status 1.
     */
    public void crashed(Throwable t) {
        if (stopped) {
            return;
        }
        fatal("the event loop failed: " + describeThrowable(t));
    }

    /** The latest counters; safe to read from any thread. */
    public DaemonState state() {
        return state;
    }

    /** The config in force (empty before start). Loop thread only. */
    public Optional<C> config() {
        return Optional.ofNullable(running);
    }

    /**
     * A reload on request reads the file twice, {@link Timing#settle} apart, as a file change does: SIGHUP sent by
     * the script that is still writing the file must not load half of it.
     */
    private void reload(String why) {
        byte[] content = readFile();
        if (content == null) {
            String line = "reload (" + why + ") failed: cannot read " + file + ": " + lastReadError
                    + "; keeping config generation " + state.generation();
            log.error(line);
            answer(awaitingRead, false, kept("reload failed: cannot read " + file), List.of(line));
            return;
        }
        forcedReload = why;
        firstSight(sha256(content));
    }

    /** Content seen for the first time: look again once the writer has had time to finish. */
    private void firstSight(String sha) {
        pendingSha = sha;
        pendingReadAt = ticker.nanos();
        fileCheckAt = pendingReadAt + timing.settle().toNanos();
    }

    /**
     * Whether this read confirms the pending one: the same content, read at least the settle time later (the
     * periodic poll may come a few milliseconds after the first read, inside the same half-written moment).
     */
    private boolean confirms(String sha) {
        if (!sha.equals(pendingSha)) {
            firstSight(sha); // still being written: look again
            return false;
        }
        long due = pendingReadAt + timing.settle().toNanos();
        if (ticker.nanos() - due < 0) {
            fileCheckAt = due;
            return false;
        }
        return true;
    }

    private void checkFile() {
        byte[] content = readFile();
        if (content == null) {
            if (forcedReload != null) {
                String line = "reload (" + forcedReload + ") failed: cannot read " + file + ": " + lastReadError
                        + "; keeping config generation " + state.generation();
                log.error(line);
                answer(awaitingRead, false, kept("reload failed: cannot read " + file), List.of(line));
                forcedReload = null;
            }
            return;
        }
        String sha = sha256(content);
        if (forcedReload != null) {
            if (!confirms(sha)) {
                return;
            }
            String why = forcedReload;
            forcedReload = null;
            pendingSha = "";
            if (!sha.equals(lastSeenSha)) {
                lastSeenSha = sha;
                runCallback();
            }
            apply(content, sha, why);
            return;
        }
        if (sha.equals(lastSeenSha)) {
            pendingSha = "";
            return;
        }
        if (!confirms(sha)) {
            return;
        }
        pendingSha = "";
        lastSeenSha = sha;
        log.info("config file " + file + " changed (sha256 " + shortSha(sha) + ")");
        runCallback();
        if (settings.autoreload()) {
            apply(content, sha, "autoreload");
        }
    }

    /** The one-line status after a start or reload that took effect. */
    private String applied() {
        return "running: config generation " + state.generation() + " applied";
    }

    /** The one-line status after a reload that did not take effect. */
    private String kept(String why) {
        return "running: config generation " + state.generation() + " kept, " + why;
    }

    private void apply(byte[] content, String sha, String why) {
        // the control socket's reloads wait for this apply's outcome (or a newer one's, if it supersedes this)
        awaitingOutcome.addAll(awaitingRead);
        awaitingRead.clear();
        lifecycle.reloading(); // every reload that gets this far ends in READY=1, applied or not
        if (content.length == 0) {
            // a shell's "> file" truncates before it writes: an empty file is far more likely caught halfway
            // than meant, and loading it would delete every virtual service
            state = state.withRejectedReload();
            String line = file + ": the file is empty; reload (" + why + ") rejected, keeping config generation "
                    + state.generation() + " (to remove every virtual, leave a comment line in the file)";
            log.error(line);
            concluded(false, kept("reload rejected: " + file + " is empty"), List.of(line));
            return;
        }
        if (parses == null) {
            applyParsed(backend.parse(file, content), sha, why);
            return;
        }
        long ticket = ++parseTickets;
        if (pendingParse != null) {
            log.info("reload (" + why + ") supersedes reload (" + pendingParse.why() + "), still being parsed");
        }
        pendingParse = new PendingParse(ticket, sha, why, ticker.nanos() + PARSE_DEADLINE.toNanos());
        try {
            parses.execute(() -> {
                parsed.set(new ParseDone<>(ticket, parseOffLoop(content)));
                post.accept(new Event.ConfigParsed(why));
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            pendingParse = null;
            state = state.withRejectedReload();
            String line = "reload (" + why + ") failed: the parser is not taking work (" + describe(e)
                    + "); keeping config generation " + state.generation();
            log.error(line);
            concluded(false, kept("reload failed: the parser is not taking work"), List.of(line));
        }
    }

    /** On the parse thread: whatever the parser does, the loop gets an answer. */
    private Backend.Parsed<C> parseOffLoop(byte[] content) {
        try {
            return backend.parse(file, content);
        } catch (RuntimeException | StackOverflowError e) {
            return new Backend.Parsed.Rejected<>(List.of(file + ": the parser failed: " + e), false);
        }
    }

    private void parseDone() {
        ParseDone<C> done = parsed.getAndSet(null);
        if (done == null || pendingParse == null || done.ticket() != pendingParse.ticket()) {
            return; // a superseded or timed-out parse came back late
        }
        PendingParse p = pendingParse;
        pendingParse = null;
        applyParsed(done.result(), p.sha(), p.why());
    }

    private void parseTimedOut() {
        PendingParse p = pendingParse;
        pendingParse = null;
        state = state.withRejectedReload();
        String line = "reload (" + p.why() + ") rejected: the file was not parsed within "
                + PARSE_DEADLINE.toSeconds() + " s (names could not be resolved in time; the next reload tries"
                + " again); keeping config generation " + state.generation() + ", kernel table untouched";
        log.error(line);
        concluded(false, kept("reload rejected: not parsed within " + PARSE_DEADLINE.toSeconds() + " s"),
                List.of(line));
    }

    private void applyParsed(Backend.Parsed<C> parsed, String sha, String why) {
        if (parsed instanceof Backend.Parsed.Rejected<C> rejected) {
            rejected.errors().forEach(log::error);
            state = state.withRejectedReload();
            log.error("reload (" + why + ") rejected: " + rejected.errors().size() + " error(s) in " + file
                    + (rejected.retryable() ? " (names could not be resolved now; the next reload tries again)" : "")
                    + "; keeping config generation " + state.generation() + ", kernel table untouched");
            concluded(false, kept("reload rejected: " + (rejected.errors().isEmpty() ? "?" : rejected.errors().get(0))
                    + (rejected.errors().size() > 1 ? " (+" + (rejected.errors().size() - 1) + " more)" : "")),
                    rejected.errors());
            return;
        }
        Backend.Parsed.Accepted<C> accepted = (Backend.Parsed.Accepted<C>) parsed;
        accepted.warnings().forEach(log::warn);
        Optional<String> removal = backend.largeRemoval(running, accepted.config());
        if (removal.isPresent()) {
            if (settings.reloadGuard()) {
                state = state.withRejectedReload();
                String line = "reload (" + why + ") refused by reload_guard=yes: " + removal.get()
                        + "; keeping config generation " + state.generation() + ", kernel table untouched (to remove"
                        + " them on purpose, restart lvsd or reload a file with reload_guard=no first)";
                log.error(line);
                concluded(false, kept("reload refused by reload_guard=yes: " + removal.get()), List.of(line));
                return;
            }
            log.error("reload (" + why + ") WARNING: " + removal.get() + " (reload_guard=yes would refuse this)");
        }
        try {
            backend.activate(Optional.of(running), accepted.config());
        } catch (Backend.RollbackFailed e) {
            state = state.withRejectedReload();
            fatal("reload (" + why + ") failed and the running config could not be put back: " + describe(e));
            return;
        } catch (RuntimeException e) {
            state = state.withRejectedReload();
            String line = "reload (" + why + ") failed while activating the new config: " + describe(e)
                    + "; keeping config generation " + state.generation();
            log.error(line);
            concluded(false, kept("reload failed: " + describe(e)), List.of(line));
            return;
        }
        adopt(accepted.config(), sha, true);
        log.info("reload (" + why + "): config generation " + state.generation() + " (sha256 " + shortSha(sha)
                + ")");
        reconcile("reload");
        concluded(true, applied(), accepted.warnings());
    }

    /** A reload ended: READY=1 with its status, and the outcome to every control-socket reload waiting for it. */
    private void concluded(boolean applied, String status, List<String> details) {
        lifecycle.ready(status);
        answer(awaitingOutcome, applied, status, details);
    }

    private void answer(List<java.util.function.Consumer<ReloadOutcome>> waiting, boolean applied, String status,
            List<String> details) {
        if (waiting.isEmpty()) {
            return;
        }
        ReloadOutcome outcome = new ReloadOutcome(applied, state.generation(), status, details);
        List<java.util.function.Consumer<ReloadOutcome>> replies = List.copyOf(waiting);
        waiting.clear();
        for (var r : replies) {
            try {
                r.accept(outcome);
            } catch (RuntimeException e) {
                log.warn("a reload reply failed: " + describe(e));
            }
        }
    }

    /**
     * Asks for a reload whose outcome goes to {@code reply} (on the loop thread, once the reload is applied or
     * rejected). Any thread: the control socket calls this.
     */
    public void requestReload(String why, java.util.function.Consumer<ReloadOutcome> reply) {
        replyQueue.add(Objects.requireNonNull(reply, "reply"));
        post.accept(new Event.Reload(why));
    }

    /** Asks for the config in force as JSON ({@code check-config --dump}'s form), to {@code reply} on the loop thread. */
    public void requestConfigDump(java.util.function.Consumer<String> reply) {
        dumpQueue.add(Objects.requireNonNull(reply, "reply"));
        post.accept(new Event.Dump());
    }

    private void answerDumps() {
        if (dumpQueue.isEmpty()) {
            return;
        }
        String json = running == null ? "null" : backend.dump(running);
        for (var r = dumpQueue.poll(); r != null; r = dumpQueue.poll()) {
            try {
                r.accept(json);
            } catch (RuntimeException e) {
                log.warn("a dump reply failed: " + describe(e));
            }
        }
    }

    private void adopt(C config, String sha, boolean reload) {
        running = config;
        settings = backend.settings(config);
        state = state.withConfig(sha, reload);
    }

    private void reconcileOrThrow() {
        long now = ticker.nanos();
        reconcileAt = NEVER;
        nextResync = now + timing.resync().toNanos();
        Backend.CycleReport report = backend.reconcile(running);
        report.log().forEach(log::info);
        state = state.withCycle(report);
    }

    private void reconcile(String why) {
        try {
            reconcileOrThrow();
        } catch (RuntimeException e) {
            state = state.withFailedCycle();
            log.error("reconcile (" + why + ") failed: " + describe(e) + "; retrying in "
                    + timing.resync().toMillis() + " ms");
        }
    }

    private void stop(String why) {
        for (var reply = replyQueue.poll(); reply != null; reply = replyQueue.poll()) {
            awaitingRead.add(reply);
        }
        awaitingOutcome.addAll(awaitingRead);
        awaitingRead.clear();
        answer(awaitingOutcome, false, "stopping (" + why + ") before the reload was applied",
                List.of("the daemon is stopping (" + why + ")"));
        answerDumps();
        state = state.withPhase(DaemonState.Phase.STOPPING);
        log.info("stopping (" + why + ")");
        lifecycle.stopping();
        try {
            Backend.CycleReport report = backend.shutdown(running);
            report.log().forEach(log::info);
            state = state.withCycle(report);
        } catch (Backend.StopIncomplete e) {
            e.report().log().forEach(log::info);
            state = state.withCycle(e.report());
            log.error("clean stop incomplete: " + e.getMessage() + "; exit status 1");
            exitStatus = 1;
        } catch (RuntimeException e) {
            state = state.withFailedCycle();
            log.error("clean-up at stop failed: " + describe(e) + "; exit status 1");
            exitStatus = 1;
        }
        state = state.withPhase(DaemonState.Phase.STOPPED);
        stopped = true;
    }

    private void threadDied(Event.ThreadDied d) {
        Subsystem s = d.subsystem();
        log.error("thread " + d.thread() + " (" + s.label() + ") died: " + describeThrowable(d.cause()));
        if (s == Subsystem.FILE_WATCHER) {
            log.warn("no file watcher any more: the poll every " + timing.filePoll().toMillis()
                    + " ms still sees every change of " + file);
            return;
        }
        if (s == Subsystem.CONTROL) {
            log.warn("no control socket any more: lvsd reload falls back to SIGHUP, lvsd status to the status file");
            return;
        }
        long now = ticker.nanos();
        Long last = lastRestart.get(s);
        if (last != null && now - last < RESTART_WINDOW.toNanos()) {
            fatal("the " + s.label() + " died again within " + RESTART_WINDOW.toSeconds() + " s of a restart");
            return;
        }
        try {
            backend.restart(s, running);
        } catch (RuntimeException e) {
            fatal("cannot restart the " + s.label() + ": " + describe(e));
            return;
        }
        lastRestart.put(s, now);
        log.warn("restarted the " + s.label() + " from config generation " + state.generation());
        reconcileAt = Math.min(reconcileAt, now + timing.debounce().toNanos());
    }

    /** Stops the daemon with exit status 1: running on with a dead subsystem would serve stale state. */
    private void fatal(String why) {
        log.error(why + "; stopping with exit status 1");
        stop("fatal: " + why);
        exitStatus = 1;
    }

    private static String describeThrowable(Throwable t) {
        StackTraceElement[] at = t.getStackTrace();
        return t + (at.length == 0 ? "" : " at " + at[0]);
    }

    private void runCallback() {
        if (settings.callback().isEmpty()) {
            return;
        }
        List<String> argv = new ArrayList<>(settings.callback());
        argv.add(file.toString());
        log.info("running callback " + String.join(" ", argv));
        lifecycle.launch(argv, timing.callbackDeadline());
        state = state.withCallback();
    }

    /** Reads the file; logs a read error once (not on every poll) and returns null. */
    private byte[] readFile() {
        try {
            byte[] b = files.read(file);
            lastReadError = "";
            return b;
        } catch (IOException e) {
            String why = describe(e);
            if (!why.equals(lastReadError)) {
                log.warn("cannot read " + file + ": " + why + " (keeping config generation " + state.generation()
                        + ")");
            }
            lastReadError = why;
            return null;
        }
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }

    private static String shortSha(String sha) {
        return sha.substring(0, Math.min(12, sha.length()));
    }

    private static String describe(Exception e) {
        String m = e.getMessage();
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
