package lvsd.daemon;

import java.util.function.Consumer;

/** Where the loop's log lines go: slf4j in the daemon, a list in tests. One line per transition. */
public interface DaemonLog {
    /** Drops every line (adapters whose caller has no log to give). */
    DaemonLog NONE = into(line -> {});

    void info(String line);

    void warn(String line);

    void error(String line);

    /** Every line, whatever its level, to {@code sink} (tests collect them in a list). */
    static DaemonLog into(Consumer<String> sink) {
        return new DaemonLog() {
            @Override
            public void info(String line) {
                sink.accept(line);
            }

            @Override
            public void warn(String line) {
                sink.accept(line);
            }

            @Override
            public void error(String line) {
                sink.accept(line);
            }
        };
    }
}
