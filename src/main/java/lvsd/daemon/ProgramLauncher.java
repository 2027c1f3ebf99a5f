package lvsd.daemon;

import java.time.Duration;
import java.util.List;
import lvsd.process.Launcher;
import lvsd.process.Outcome;
import lvsd.process.Program;

/**
 * Runs callback= and fallbackcommand= programs in the background through the shared {@link Launcher} (own
 * process group, stdin closed, the group killed at the deadline). The loop never waits for them. Their output
 * goes to the daemon's stderr (the journal); how they ended is logged.
 */
public final class ProgramLauncher {

    private final DaemonLog log;
    private final Launcher launcher;

    public ProgramLauncher(DaemonLog log, Launcher launcher) {
        this.log = log;
        this.launcher = launcher;
    }

    /** Starts {@code argv}; a program that cannot start is logged, not thrown. */
    public void launch(List<String> argv, Duration deadline) {
        Program program = new Program(argv, deadline, Program.Output.INHERIT);
        String what = program.commandLine();
        launcher.start(program, outcome -> {
            if (outcome instanceof Outcome.NotStarted n) {
                log.error("cannot run " + what + ": " + n.why());
            } else if (outcome instanceof Outcome.TimedOut) {
                log.warn(what + " still running after " + deadline.toSeconds() + " s: killed it");
            } else if (outcome.succeeded()) {
                log.info(what + " finished");
            } else {
                log.warn(what + " exited with status " + ((Outcome.Exited) outcome).status());
            }
        });
    }
}
