package lvsd.config;

import java.util.List;

/** Everything VRRP reads from the configuration file. Empty = no VRRP. */
public record VrrpConfig(List<InstanceConfig> instances, List<ScriptConfig> scripts, List<SyncGroupConfig> groups) {
    public static final VrrpConfig EMPTY = new VrrpConfig(List.of(), List.of(), List.of());

    public VrrpConfig {
        instances = List.copyOf(instances);
        scripts = List.copyOf(scripts);
        groups = List.copyOf(groups);
    }

    public boolean isEmpty() {
        return instances.isEmpty();
    }
}
