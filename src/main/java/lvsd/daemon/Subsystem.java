package lvsd.daemon;

import java.util.Locale;

/** The parts of the daemon that run on threads of their own and report their death to the loop. */
public enum Subsystem {
    /** The check engine's timer and the probes' selector (and their probes): restarted from the config. */
    CHECKS,
    /** The embedded VRRP thread: restarted from the config's VRRP blocks. */
    VRRP,
    /** The config file watcher: not restarted, the periodic poll takes over. */
    FILE_WATCHER,
    /** The control socket's thread: not restarted; lvsd reload falls back to SIGHUP, lvsd status to the status file. */
    CONTROL;

    /** As log lines say it: "health checks", "VRRP", "file watcher". */
    public String label() {
        return switch (this) {
            case CHECKS -> "health checks";
            case VRRP -> "VRRP";
            case FILE_WATCHER -> "file watcher";
            case CONTROL -> "control socket";
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
