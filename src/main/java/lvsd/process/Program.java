package lvsd.process;

import java.time.Duration;
import java.util.List;

/**
 * An external program to run: a check command, a callback or fallbackcommand, a VRRP notify hook or a
 * vrrp_script. It runs with stdin closed, in a process group of its own, and the whole group is killed at
 * {@code deadline}.
 *
 * @param output where the program's stdout and stderr go
 */
public record Program(List<String> argv, Duration deadline, Output output) {

    /** The daemon's stderr (the journal) for rare programs worth reading; nowhere for frequent ones. */
    public enum Output { INHERIT, DISCARD }

    public Program {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a program needs at least its name");
        }
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("deadline must be positive, got " + deadline);
        }
    }

    /** The command line as one would type it, for log lines. */
    public String commandLine() {
        return String.join(" ", argv);
    }
}
