package lvsd.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The lifecycle verbs {@code start}, {@code stop}, {@code restart}, {@code try-restart} with ldirectord's / LSB
 * exit statuses, over a {@link Host} (the processes, the pid file, the config parse), so the decisions are tested
 * without processes. See docs/daemon.md ("Verbs").
 */
final class Verbs {

    /** LSB: success, also for start when running and stop when stopped. */
    static final int OK = 0;
    /** LSB: generic or unspecified error. */
    static final int FAILED = 1;
    /** The config file has errors (lvsd's and ldirectord's 2); nothing was changed. */
    static final int BAD_FILE = Main.EXIT_BAD_INPUT;
    /** LSB: user had insufficient privilege. */
    static final int NO_PRIVILEGE = 4;

    /** The config check before a start. */
    record Check(List<String> diagnostics, int errors, boolean retryable) {}

    /** A daemon launched by {@code start}. */
    interface Child {
        long pid();

        /** Its exit status once it has exited. */
        OptionalInt exited();

        /** Its status file says it runs: the first cycle is applied. */
        boolean ready();

        /** Where its stdout and stderr go. */
        Path log();

        /** What it wrote to the log since the launch (the end of it). */
        String logTail();
    }

    /** The outside world. */
    interface Host {
        Check check();

        /** The live daemon for the config. */
        OptionalLong running();

        Child launch() throws IOException;

        /** Sends SIGTERM; false when the process was already gone. */
        boolean terminate(long pid) throws Denied, IOException;

        boolean alive(long pid);

        long nanos();

        /** Waits one poll interval. */
        void pause() throws InterruptedException;
    }

    /** A signal refused for lack of privilege. */
    static final class Denied extends Exception {
        Denied(String message) {
            super(message);
        }
    }

    private final Host host;
    private final Path config;
    private final PrintWriter out;
    private final PrintWriter err;

    Verbs(Host host, Path config, PrintWriter out, PrintWriter err) {
        this.host = host;
        this.config = config;
        this.out = out;
        this.err = err;
    }

    int start(Duration timeout) throws InterruptedException {
        OptionalLong pid = host.running();
        if (pid.isPresent()) {
            out.println("lvsd: already running for " + config + " (pid " + pid.getAsLong() + ")");
            return OK;
        }
        int checked = check("start", "nothing was started or changed");
        return checked != OK ? checked : launch(timeout);
    }

    int stop(Duration timeout) throws InterruptedException {
        OptionalLong pid = host.running();
        if (pid.isEmpty()) {
            out.println("lvsd: not running for " + config);
            return OK;
        }
        long p = pid.getAsLong();
        try {
            if (!host.terminate(p)) {
                out.println("lvsd: stopped for " + config + " (pid " + p + " was already gone)");
                return OK;
            }
        } catch (Denied e) {
            err.println("lvsd stop: " + e.getMessage());
            return NO_PRIVILEGE;
        } catch (IOException e) {
            err.println("lvsd stop: " + e.getMessage());
            return FAILED;
        }
        long deadline = host.nanos() + timeout.toNanos();
        while (host.alive(p)) {
            if (host.nanos() - deadline >= 0) {
                err.println("lvsd stop: pid " + p + " still runs " + timeout.toSeconds() + " s after SIGTERM (its"
                        + " clean stop goes on, or it hangs: kill -KILL " + p + ")");
                return FAILED;
            }
            host.pause();
        }
        out.println("lvsd: stopped for " + config + " (pid " + p + ")");
        return OK;
    }

    /** Stop, then start; a file with errors stops nothing. */
    int restart(Duration timeout) throws InterruptedException {
        int checked = check("restart", "the running daemon, if any, was not stopped");
        if (checked != OK) {
            return checked;
        }
        int stopped = stop(timeout);
        if (stopped != OK) {
            return stopped;
        }
        return launch(timeout);
    }

    /** Restart only a running daemon. */
    int tryRestart(Duration timeout) throws InterruptedException {
        if (host.running().isEmpty()) {
            out.println("lvsd: not running for " + config + "; try-restart starts nothing");
            return OK;
        }
        return restart(timeout);
    }

    private int check(String verb, String unchanged) {
        Check c = host.check();
        c.diagnostics().forEach(err::println);
        if (c.errors() == 0) {
            return OK;
        }
        err.println("lvsd " + verb + ": " + config + " has " + c.errors() + " error(s); " + unchanged);
        return c.retryable() ? FAILED : BAD_FILE; // a name that does not resolve *now* may later (as lvsd run)
    }

    private int launch(Duration timeout) throws InterruptedException {
        Child child;
        try {
            child = host.launch();
        } catch (IOException e) {
            err.println("lvsd start: cannot launch the daemon: " + e.getMessage());
            return FAILED;
        }
        long deadline = host.nanos() + timeout.toNanos();
        while (true) {
            if (child.ready()) {
                out.println("lvsd: started for " + config + " (pid " + child.pid() + ", log " + child.log() + ")");
                return OK;
            }
            OptionalInt exited = child.exited();
            if (exited.isPresent()) {
                OptionalLong other = host.running();
                if (other.isPresent() && other.getAsLong() != child.pid()) {
                    // another start won the race for the pid file
                    out.println("lvsd: already running for " + config + " (pid " + other.getAsLong() + ")");
                    return OK;
                }
                int status = exited.getAsInt();
                err.println("lvsd start: the daemon exited with status " + status + " before its first cycle was"
                        + " applied; from " + child.log() + ":");
                err.print(child.logTail());
                return status == BAD_FILE ? BAD_FILE : FAILED;
            }
            if (host.nanos() - deadline >= 0) {
                err.println("lvsd start: the daemon (pid " + child.pid() + ") has not applied its first cycle within "
                        + timeout.toSeconds() + " s; it is left starting (see " + child.log() + "; lvsd stop -f "
                        + config + " stops it)");
                return FAILED;
            }
            host.pause();
        }
    }
}
