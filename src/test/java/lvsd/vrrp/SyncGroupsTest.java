package lvsd.vrrp;

import lvsd.config.Notify;
import lvsd.config.SyncGroupConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** vrrp_sync_group as a value: one member's fault or transition, and what the others must do. */
class SyncGroupsTest {

    private final SyncGroupConfig web = new SyncGroupConfig("G_WEB", List.of("VI_A", "VI_B", "VI_C"), Notify.NONE);
    private final SyncGroups groups = SyncGroups.of(List.of(web));

    @Test
    void oneMembersFaultIsTheWholeGroupsButNotAnOutsidersFault() {
        Map<String, Boolean> own = Map.of("VI_A", false, "VI_B", true, "VI_C", false, "VI_X", false);
        assertThat(groups.fault("VI_A", own)).isTrue();
        assertThat(groups.fault("VI_C", own)).isTrue();
        assertThat(groups.fault("VI_X", own)).isFalse();
        assertThat(groups.fault("VI_X", Map.of("VI_X", true))).isTrue();
        assertThat(groups.fault("VI_A", Map.of("VI_A", false, "VI_B", false, "VI_C", false))).isFalse();
    }

    @Test
    void aMemberBecomingMasterNotifiesOnceAndOrdersTheOthersToFollow() {
        SyncGroups.Propagation p = groups.transition("VI_B", VrrpState.MASTER, false);
        assertThat(p.notifyGroup()).isEqualTo(web);
        assertThat(p.orders()).containsExactly(new SyncGroups.Order("VI_A", VrrpState.MASTER),
                new SyncGroups.Order("VI_C", VrrpState.MASTER));
        // the members dragged along find the group there already: no second notify, no further orders
        SyncGroups.Propagation follow = p.next().transition("VI_A", VrrpState.MASTER, false);
        assertThat(follow.notifyGroup()).isNull();
        assertThat(follow.orders()).isEmpty();
        assertThat(follow.next()).isEqualTo(p.next());
    }

    @Test
    void backupIsPropagatedTooButFaultOnlyNotifies() {
        SyncGroups master = groups.transition("VI_A", VrrpState.MASTER, false).next();
        SyncGroups.Propagation backup = master.transition("VI_C", VrrpState.BACKUP, false);
        assertThat(backup.orders()).extracting(SyncGroups.Order::to).containsOnly(VrrpState.BACKUP);
        assertThat(backup.orders()).extracting(SyncGroups.Order::instance).containsExactly("VI_A", "VI_B");
        SyncGroups.Propagation fault = backup.next().transition("VI_B", VrrpState.FAULT, false);
        assertThat(fault.notifyGroup()).isEqualTo(web);
        assertThat(fault.orders()).isEmpty();
    }

    @Test
    void whileStoppingNobodyIsForcedButTheGroupStillNotifies() {
        SyncGroups.Propagation p = groups.transition("VI_A", VrrpState.BACKUP, true);
        assertThat(p.notifyGroup()).isEqualTo(web);
        assertThat(p.orders()).isEmpty();
    }

    @Test
    void anInstanceOutsideEveryGroupChangesNothing() {
        SyncGroups.Propagation p = groups.transition("VI_X", VrrpState.MASTER, false);
        assertThat(p.notifyGroup()).isNull();
        assertThat(p.orders()).isEmpty();
        assertThat(p.next()).isEqualTo(groups);
    }
}
