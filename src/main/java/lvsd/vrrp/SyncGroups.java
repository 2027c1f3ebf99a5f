package lvsd.vrrp;

import lvsd.config.SyncGroupConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * keepalived's vrrp_sync_group: the members of a group move together. A value, like {@link VrrpMachine}: one
 * member in FAULT puts the whole group in FAULT, and one member's transition to MASTER or BACKUP orders the others
 * to follow; {@link #transition} returns the next value with those orders.
 *
 * @param groupOf each member's group
 * @param states  the state each group last moved to (absent before its first transition)
 */
record SyncGroups(Map<String, SyncGroupConfig> groupOf, Map<String, VrrpState> states) {

    static final SyncGroups NONE = new SyncGroups(Map.of(), Map.of());

    SyncGroups {
        groupOf = Map.copyOf(groupOf);
        states = Map.copyOf(states);
    }

    static SyncGroups of(List<SyncGroupConfig> groups) {
        Map<String, SyncGroupConfig> groupOf = new HashMap<>();
        for (SyncGroupConfig g : groups) {
            g.members().forEach(m -> groupOf.put(m, g));
        }
        return new SyncGroups(groupOf, Map.of());
    }

    /** Whether {@code instance} is in FAULT, given every instance's own fault (one member's is its group's). */
    boolean fault(String instance, Map<String, Boolean> ownFault) {
        SyncGroupConfig g = groupOf.get(instance);
        if (g == null) {
            return ownFault.getOrDefault(instance, false);
        }
        return g.members().stream().anyMatch(m -> ownFault.getOrDefault(m, false));
    }

    /** What one member's transition means: the group's notify hooks, and the other members forced to follow. */
    record Propagation(SyncGroups next, SyncGroupConfig notifyGroup, List<Order> orders) {
        Propagation {
            orders = List.copyOf(orders);
        }
    }

    /** Another member must go to {@code to} (MASTER or BACKUP) now. */
    record Order(String instance, VrrpState to) {}

    /**
     * Member {@code instance} moved to {@code to}. The first member to take the group to a new state makes the group
     * notify; the members it drags along then find the group there already. While {@code stopping} nobody is
     * forced: every member is shutting down on its own.
     */
    Propagation transition(String instance, VrrpState to, boolean stopping) {
        SyncGroupConfig g = groupOf.get(instance);
        if (g == null || states.get(g.name()) == to) {
            return new Propagation(this, null, List.of());
        }
        Map<String, VrrpState> next = new HashMap<>(states);
        next.put(g.name(), to);
        List<Order> orders = new ArrayList<>();
        if (!stopping && (to == VrrpState.MASTER || to == VrrpState.BACKUP)) {
            for (String m : g.members()) {
                if (!m.equals(instance)) {
                    orders.add(new Order(m, to));
                }
            }
        }
        return new Propagation(new SyncGroups(groupOf, next), g, orders);
    }
}
