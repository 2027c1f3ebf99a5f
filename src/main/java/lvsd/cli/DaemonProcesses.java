package lvsd.cli;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import lvsd.config.ConfigParser;
import lvsd.config.ParseResult;
import lvsd.daemon.PidFile;
import lvsd.status.StatusCodec;
import lvsd.status.StatusSnapshot;
import lvsd.sys.LibC;
import lvsd.sys.Processes;

/**
 * {@link Verbs.Host} on the real system. {@code start} launches {@code setsid JAVA ... lvsd.cli.Main run -f FILE
 * --pid-file P --status-file S} with the same JVM and JVM options as this process: the JVM cannot fork, so the
 * daemon is a child that leaves this session at once (setsid(1) calls setsid(2) and execs in place, so the pid
 * stays the child's) and is adopted by init when {@code start} exits. stdin is /dev/null, stdout and stderr are
 * appended to the log, the working directory is /.
 */
final class DaemonProcesses implements Verbs.Host {

    /** Environment a detached daemon must not inherit: it is not the service manager's main process. */
    static final List<String> DROPPED_ENV = List.of("NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID",
            "JOURNAL_STREAM", "LISTEN_FDS", "LISTEN_PID", "LISTEN_FDNAMES");

    /** ldirectord's logfile= default, which lvsd's start does not write to (ldirectord may, while migrating). */
    static final String LDIRECTORD_LOG = "/var/log/ldirectord.log";

    private final Path config;
    private final Path explicitPidFile;
    private final Path statusFile;
    private final Path explicitLog;
    private final List<String> runOptions;
    private ParseResult parsed;

    DaemonProcesses(Path config, Path pidFile, Path statusFile, Path log, List<String> runOptions) {
        this.config = config.toAbsolutePath().normalize();
        this.explicitPidFile = pidFile;
        this.statusFile = (statusFile != null ? statusFile : Path.of("/run", "lvsd." + config.getFileName() + ".json"))
                .toAbsolutePath();
        this.explicitLog = log;
        this.runOptions = List.copyOf(runOptions);
    }

    Path pidFile() {
        return (explicitPidFile != null ? explicitPidFile : PidFile.defaultFor(config)).toAbsolutePath();
    }

    @Override
    public Verbs.Check check() {
        parsed = ConfigParser.parse(config);
        return new Verbs.Check(parsed.diagnostics().stream().map(Object::toString).toList(), parsed.errors().size(),
                parsed.retryable());
    }

    @Override
    public OptionalLong running() {
        // run by a systemd unit, the pid file is in the unit's RuntimeDirectory= (as lvsd reload finds it)
        return (explicitPidFile != null ? new PidFile(pidFile()) : DaemonStatusFile.pidFileFor(config)).runningPid();
    }

    /** The log: --log, else logfile= when it is a path (not ldirectord's default), else /var/log/lvsd.NAME.log. */
    Path log() {
        if (explicitLog != null) {
            return explicitLog.toAbsolutePath();
        }
        if (parsed != null && parsed.ok()) {
            String f = parsed.config().globals().logFile();
            if (f.startsWith("/") && !f.equals(LDIRECTORD_LOG)) {
                return Path.of(f);
            }
        }
        return Path.of("/var/log", "lvsd." + config.getFileName() + ".log");
    }

    @Override
    public Verbs.Child launch() throws IOException {
        if (parsed == null) {
            check();
        }
        Path log = log();
        Files.createDirectories(log.getParent());
        List<String> argv = new ArrayList<>();
        argv.add("setsid");
        argv.addAll(javaCommand(selfCmdline()));
        argv.addAll(List.of("run", "-f", config.toString(), "--pid-file", pidFile().toString(), "--status-file",
                statusFile.toString()));
        argv.addAll(runOptions);
        Files.writeString(log, "lvsd start " + Instant.now() + ": " + String.join(" ", argv.subList(1, argv.size()))
                + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        long offset = Files.size(log);
        ProcessBuilder pb = new ProcessBuilder(argv).directory(new File("/"))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        DROPPED_ENV.forEach(env::remove);
        Process p = pb.start();
        return new Verbs.Child() {
            @Override
            public long pid() {
                return p.pid();
            }

            @Override
            public OptionalInt exited() {
                return p.isAlive() ? OptionalInt.empty() : OptionalInt.of(p.exitValue());
            }

            @Override
            public boolean ready() {
                try {
                    StatusSnapshot.Daemon d = StatusCodec.read(Files.readString(statusFile)).daemon();
                    return d.pid() == p.pid() && d.phase().equals("running");
                } catch (IOException | RuntimeException e) {
                    return false; // not there yet, or a stale file of another pid
                }
            }

            @Override
            public Path log() {
                return log;
            }

            @Override
            public String logTail() {
                return tail(log, offset, 40);
            }
        };
    }

    @Override
    public boolean terminate(long pid) throws Verbs.Denied, IOException {
        try {
            Processes.terminate(pid);
            return true;
        } catch (Processes.SignalException e) {
            if (e.errno() == LibC.ESRCH) {
                return false;
            }
            if (e.errno() == LibC.EPERM) {
                throw new Verbs.Denied(e.getMessage());
            }
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public boolean alive(long pid) {
        return Processes.alive(pid);
    }

    @Override
    public long nanos() {
        return System.nanoTime();
    }

    @Override
    public void pause() throws InterruptedException {
        Thread.sleep(50);
    }

    static List<String> selfCmdline() throws IOException {
        byte[] raw = Files.readAllBytes(Path.of("/proc/self/cmdline"));
        List<String> out = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == 0) {
                out.add(new String(raw, from, i - from, StandardCharsets.UTF_8));
                from = i + 1;
            }
        }
        return out;
    }

    /**
     * The java command that started this lvsd, without lvsd's own arguments: up to {@code -jar JAR} or the main
     * class {@code lvsd.cli.Main}; else this JVM's binary with its class path.
     */
    static List<String> javaCommand(List<String> cmdline) {
        for (int i = 1; i < cmdline.size(); i++) {
            String a = cmdline.get(i);
            String before = cmdline.get(i - 1);
            boolean value = before.equals("-cp") || before.equals("-classpath") || before.equals("--class-path");
            if (!value && a.equals("-jar") && i + 1 < cmdline.size()) {
                return List.copyOf(cmdline.subList(0, i + 2));
            }
            if (!value && a.equals("lvsd.cli.Main")) {
                return List.copyOf(cmdline.subList(0, i + 1));
            }
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        return List.of(java, "-cp", System.getProperty("java.class.path"), "lvsd.cli.Main");
    }

    /** The last {@code lines} lines of {@code file} after byte {@code offset}. */
    static String tail(Path file, long offset, int lines) {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long len = f.length();
            long from = Math.max(offset, len - 64 * 1024);
            byte[] b = new byte[(int) Math.max(0, len - from)];
            f.seek(from);
            f.readFully(b);
            List<String> all = new String(b, StandardCharsets.UTF_8).lines().toList();
            StringBuilder sb = new StringBuilder();
            all.subList(Math.max(0, all.size() - lines), all.size()).forEach(l -> sb.append("    | ").append(l)
                    .append('\n'));
            return sb.toString();
        } catch (IOException e) {
            return "    (cannot read " + file + ": " + e.getMessage() + ")\n";
        }
    }
}
