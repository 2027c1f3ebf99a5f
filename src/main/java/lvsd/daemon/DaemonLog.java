package lvsd.daemon;

/** Where the loop's log lines go: slf4j in the daemon, a list in tests. One line per transition. */
public interface DaemonLog {
    void info(String line);

    void warn(String line);

    void error(String line);
}
