package lvsd.check.probe;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import lvsd.check.CheckResult;
import lvsd.check.CheckSpec;
import lvsd.check.sys.Libc;

/**
 * checktype=external: runs the command through util-linux {@code setsid}, so the script leads a new
 * process group whose id is its pid. At the deadline the whole group is SIGKILLed; when the script
 * exits by itself, whatever it left running in its group is killed too, so no check leaves processes
 * behind. The JDK's process reaper collects the exit status.
 */
public final class ExternalProbe implements Probe {

    private static final File DEV_NULL = new File("/dev/null");
    private final String setsid;

    public ExternalProbe() {
        this(findSetsid());
    }

    ExternalProbe(String setsid) {
        this.setsid = setsid;
    }

    private static String findSetsid() {
        for (String p : new String[] {"/usr/bin/setsid", "/bin/setsid"}) {
            if (new File(p).canExecute()) {
                return p;
            }
        }
        throw new IllegalStateException("setsid (util-linux) not found in /usr/bin or /bin");
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
        List<String> argv = new ArrayList<>(e.command().size() + e.args().size() + 1);
        argv.add(setsid);
        argv.addAll(e.command());
        argv.addAll(e.args());
        Process p;
        try {
            p = new ProcessBuilder(argv)
                    .redirectInput(DEV_NULL)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException ex) {
            done.accept(new CheckResult.Down("cannot run " + e.command().get(0) + ": " + ConnectProbe.reason(ex)));
            return Cancel.NONE;
        }
        int pgid = (int) p.pid();
        p.onExit().thenAccept(proc -> {
            killGroupQuietly(pgid); // leftovers of a script that has exited
            done.accept(verdict(proc.exitValue(), e.dynamicWeight()));
        });
        return () -> {
            killGroupQuietly(pgid);
            p.destroyForcibly(); // in case setsid had not yet made the group
        };
    }

    private static void killGroupQuietly(int pgid) {
        try {
            Libc.killGroup(pgid);
        } catch (RuntimeException ignored) {
            // EPERM cannot happen for our own children; anything else leaves nothing we can do
        }
    }
}
