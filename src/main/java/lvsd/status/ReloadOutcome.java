package lvsd.status;

import java.util.List;

/**
 * How a reload asked for over the control socket ended (the loop decides it, {@code lvsd reload} prints it).
 *
 * @param applied the new config is in force
 * @param generation the config generation in force afterwards
 * @param status the one line systemd's STATUS= got
 * @param details the file's errors ({@code FILE:LINE: ...}) when rejected, its warnings when applied
 */
public record ReloadOutcome(boolean applied, long generation, String status, List<String> details) {
    public ReloadOutcome {
        details = List.copyOf(details);
    }
}
