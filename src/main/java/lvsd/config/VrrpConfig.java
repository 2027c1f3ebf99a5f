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

    /**
     * Whether {@code other} runs the same VRRP: equal but for where the blocks sit in the file. An edit of the
     * virtual services above them moves their lines, and must not restart VRRP (a restart hands the VIP over).
     */
    public boolean sameAs(VrrpConfig other) {
        return other != null && withoutPositions().equals(other.withoutPositions());
    }

    private VrrpConfig withoutPositions() {
        return new VrrpConfig(instances.stream().map(InstanceConfig::withoutPosition).toList(), scripts, groups);
    }

    public boolean isEmpty() {
        return instances.isEmpty();
    }
}
