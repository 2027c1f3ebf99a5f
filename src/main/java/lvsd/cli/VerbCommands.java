package lvsd.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The init-script verbs: {@code start}, {@code stop}, {@code restart}, {@code try-restart}, {@code force-reload}.
 * The logic is {@link Verbs}; see docs/daemon.md ("Verbs").
 */
final class VerbCommands {

    private VerbCommands() {}

    /** Options every verb takes. */
    static final class Common {
        @Option(names = {"-f", "--config"}, paramLabel = "FILE",
                description = "the daemon's config file (default /etc/ha.d/ldirectord.cf,"
                        + " /etc/ha.d/conf/ldirectord.cf or /etc/lvsd/lvsd.cf, the first that exists)")
        Path config;

        @Option(names = "--pid-file", paramLabel = "PATH",
                description = "pid file (default /run/lvsd.<config file name>.pid, or the systemd unit's)")
        Path pidFile;

        @Option(names = "--status-file", paramLabel = "PATH",
                description = "the daemon's status file (default /run/lvsd.<config file name>.json)")
        Path statusFile;

        @Option(names = "--timeout", paramLabel = "SECONDS",
                description = "how long to wait for the daemon to start (default 120) or to stop (default 60);"
                        + " $LVSD_TIMEOUT sets both defaults")
        Double timeout;

        Path config() {
            return config != null ? config : LdirectordArgs.defaultFile(Files::isRegularFile);
        }

        Duration timeout(int defaultSeconds) {
            double s = timeout != null ? timeout : envTimeout().orElse(defaultSeconds);
            return Duration.ofMillis((long) (s * 1000));
        }

        private static java.util.OptionalDouble envTimeout() {
            String env = System.getenv("LVSD_TIMEOUT");
            try {
                return env == null || env.isBlank() ? java.util.OptionalDouble.empty()
                        : java.util.OptionalDouble.of(Double.parseDouble(env.strip()));
            } catch (NumberFormatException e) {
                return java.util.OptionalDouble.empty();
            }
        }
    }

    /** Options passed on to {@code lvsd run} by start and restart. */
    static final class RunOptions {
        @Option(names = "--log", paramLabel = "PATH",
                description = "the daemon's stdout and stderr (default: logfile= when it is a path other than"
                        + " ldirectord's default, else /var/log/lvsd.<config file name>.log)")
        Path log;

        @Option(names = "--metrics", paramLabel = "HOST:PORT", description = "as lvsd run --metrics")
        String metrics;

        @Option(names = "--resync-interval", paramLabel = "SECONDS", description = "as lvsd run --resync-interval")
        String resync;

        @Option(names = "--poll-interval", paramLabel = "SECONDS", description = "as lvsd run --poll-interval")
        String poll;

        List<String> argv() {
            List<String> a = new ArrayList<>();
            if (metrics != null) {
                a.addAll(List.of("--metrics", metrics));
            }
            if (resync != null) {
                a.addAll(List.of("--resync-interval", resync));
            }
            if (poll != null) {
                a.addAll(List.of("--poll-interval", poll));
            }
            return a;
        }
    }

    static final int START_SECONDS = 120;
    static final int STOP_SECONDS = 60;

    abstract static class Base implements Callable<Integer> {
        @Mixin
        Common common = new Common();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        RunOptions run() {
            return new RunOptions();
        }

        Verbs verbs() {
            Path config = common.config();
            RunOptions r = run();
            DaemonProcesses host = new DaemonProcesses(config, common.pidFile, common.statusFile, r.log, r.argv());
            return new Verbs(host, config, spec.commandLine().getOut(), spec.commandLine().getErr());
        }

        @Override
        public Integer call() throws InterruptedException {
            int status = verb(verbs());
            spec.commandLine().getOut().flush();
            spec.commandLine().getErr().flush();
            return status;
        }

        abstract int verb(Verbs v) throws InterruptedException;
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = {"Start the daemon for FILE in the background (as ldirectord start): check FILE (errors:"
                    + " exit 2, nothing started), launch lvsd run detached, and return once its first cycle is"
                    + " applied (0) or it failed (1). Already running: 0."})
    static final class Start extends Base {
        @Mixin
        RunOptions runOptions = new RunOptions();

        @Override
        RunOptions run() {
            return runOptions;
        }

        @Override
        int verb(Verbs v) throws InterruptedException {
            return v.start(common.timeout(START_SECONDS));
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = {"Stop the daemon for FILE: SIGTERM, then wait until it is gone (its VRRP hand-over and"
                    + " clean stop). Not running: 0."})
    static final class Stop extends Base {
        @Override
        int verb(Verbs v) throws InterruptedException {
            return v.stop(common.timeout(STOP_SECONDS));
        }
    }

    @Command(name = "restart", mixinStandardHelpOptions = true,
            description = {"Stop the daemon for FILE if it runs, then start it. FILE is checked first: with errors"
                    + " nothing is stopped (exit 2)."})
    static final class Restart extends Base {
        @Mixin
        RunOptions runOptions = new RunOptions();

        @Override
        RunOptions run() {
            return runOptions;
        }

        @Override
        int verb(Verbs v) throws InterruptedException {
            return v.restart(common.timeout(START_SECONDS));
        }
    }

    @Command(name = "try-restart", mixinStandardHelpOptions = true,
            description = {"Restart the daemon for FILE only if it runs; otherwise do nothing (exit 0)."})
    static final class TryRestart extends Base {
        @Mixin
        RunOptions runOptions = new RunOptions();

        @Override
        RunOptions run() {
            return runOptions;
        }

        @Override
        int verb(Verbs v) throws InterruptedException {
            return v.tryRestart(common.timeout(START_SECONDS));
        }
    }

    /** ldirectord's force-reload is its reload: the same arguments go to {@code lvsd reload}. */
    @Command(name = "force-reload", description = "The same as lvsd reload (as in ldirectord).")
    static final class ForceReload implements Callable<Integer> {
        @CommandLine.Unmatched
        List<String> args = new ArrayList<>();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            CommandLine reload = spec.root().commandLine().getSubcommands().get("reload");
            return reload.execute(args.toArray(String[]::new));
        }
    }
}
