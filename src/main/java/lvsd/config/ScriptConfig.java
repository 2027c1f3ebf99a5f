package lvsd.config;

import java.util.List;

/** A {@code vrrp_script=NAME} block: a command whose exit status (0 = OK) feeds trackers. */
public record ScriptConfig(String name, List<String> command, long intervalNs, long timeoutNs, int weight,
                           boolean reverse, int rise, int fall, boolean initFail) {
    public ScriptConfig {
        command = List.copyOf(command);
    }
}
