package lvsd.config;

import java.net.Inet4Address;
import java.util.List;

/**
 * A {@code vrrp_instance=NAME} block after validation.
 *
 * @param unicastSrc  null = the interface's primary address
 * @param peers       unicast peers; empty = multicast to 224.0.0.18
 * @param password    v2 {@code authentication=PASS secret}; null = none
 * @param lvsSyncIf   interface for the IPVS connection sync daemon switched with this instance; null = off
 */
public record InstanceConfig(String name, String file, int line, boolean initialMaster, String iface, int vrid,
                             int priority, int intervalCs, int version, boolean preempt, long preemptDelayNs,
                             List<VipSpec> vips, Inet4Address unicastSrc, List<Inet4Address> peers,
                             String password, long garpDelayNs, int garpRepeat, long garpRefreshNs,
                             List<Tracker> trackers, Notify hooks, boolean v3ChecksumAsV2,
                             String lvsSyncIf, int lvsSyncId) {
    public InstanceConfig {
        vips = List.copyOf(vips);
        peers = List.copyOf(peers);
        trackers = List.copyOf(trackers);
    }

    /** This instance without its place in the file (file "", line 0): what VRRP runs, for comparing two parses. */
    public InstanceConfig withoutPosition() {
        return new InstanceConfig(name, "", 0, initialMaster, iface, vrid, priority, intervalCs, version, preempt,
                preemptDelayNs, vips, unicastSrc, peers, password, garpDelayNs, garpRepeat, garpRefreshNs, trackers,
                hooks, v3ChecksumAsV2, lvsSyncIf, lvsSyncId);
    }

    public List<Inet4Address> vipAddresses() {
        return vips.stream().map(VipSpec::address).toList();
    }
}
