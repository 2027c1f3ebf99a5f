package lvsd.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import lvsd.daemon.DaemonLog;

/** A {@link DaemonLog} that keeps each line as "LEVEL line", for tests to assert on. Safe across threads. */
public final class RecordingLog implements DaemonLog {
    public final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void info(String line) {
        lines.add("INFO " + line);
    }

    @Override
    public void warn(String line) {
        lines.add("WARN " + line);
    }

    @Override
    public void error(String line) {
        lines.add("ERROR " + line);
    }
}
