package lvsd.daemon;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The daemon's log through slf4j (slf4j-simple writes to stderr, which journald collects). */
public final class Slf4jLog implements DaemonLog {

    private final Logger logger;

    public Slf4jLog(String name) {
        this.logger = LoggerFactory.getLogger(name);
    }

    @Override
    public void info(String line) {
        logger.info(line);
    }

    @Override
    public void warn(String line) {
        logger.warn(line);
    }

    @Override
    public void error(String line) {
        logger.error(line);
    }
}
