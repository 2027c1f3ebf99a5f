package lvsd.check.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import lvsd.check.CheckResult;
import lvsd.check.CheckSpec;
import lvsd.check.Probe;
import lvsd.process.Launcher;
import lvsd.process.Outcome;
import lvsd.process.Program;

/**
 * checktype=external: the command runs through the shared {@link Launcher} (own process group, stdin closed,
 * the group killed at the deadline), and its exit status is the verdict.
 */
public final class ExternalProbe implements Probe {

    private final Launcher launcher;

    public ExternalProbe(Launcher launcher) {
        this.launcher = launcher;
    }

    /** The verdict for an exit status: 0 up; with dynamic weight 2..255 up at weight exit-2; else down. */
    public static CheckResult verdict(int exit, boolean dynamicWeight) {
        if (exit == 0) {
            return CheckResult.Up.PLAIN;
        }
        if (dynamicWeight && exit >= 2 && exit <= 255) {
            return CheckResult.Up.withWeight(exit - 2);
        }
        return new CheckResult.Down("check command exited " + exit);
    }

    @Override
    public Cancel start(CheckSpec spec, long deadlineNanos, Consumer<CheckResult> done) {
        CheckSpec.External e = (CheckSpec.External) spec;
        List<String> argv = new ArrayList<>(e.command().size() + e.args().size());
        argv.addAll(e.command());
        argv.addAll(e.args());
        // The engine starts a run at its deadline minus the timeout, and reports TimedOut itself.
        Program program = new Program(argv, e.timeout(), Program.Output.DISCARD);
        Launcher.Running r = launcher.start(program, outcome -> {
            if (outcome instanceof Outcome.Exited x) {
                done.accept(verdict(x.status(), e.dynamicWeight()));
            } else if (outcome instanceof Outcome.NotStarted n) {
                done.accept(new CheckResult.Down("cannot run " + n.why()));
            } else {
                done.accept(new CheckResult.Down("check command timed out"));
            }
        });
        return r::kill;
    }
}
