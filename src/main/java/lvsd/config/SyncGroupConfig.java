package lvsd.config;

import java.util.List;

/** A {@code vrrp_sync_group=NAME} block: member instances change state together. */
public record SyncGroupConfig(String name, List<String> members, Notify hooks) {
    public SyncGroupConfig {
        members = List.copyOf(members);
    }
}
