package lvsd.vrrp;

import lvsd.config.InstanceConfig;
import lvsd.config.Notify;
import lvsd.config.Tracker;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Trackers' observations to effective priority and FAULT, without a network or processes. */
class TrackingTest {

    private static InstanceConfig instance(int priority, Tracker... trackers) {
        return new InstanceConfig("VI_1", "t.cf", 1, false, "eth0", 1, priority, 100, 3, true, 0, List.of(), null,
                List.of(), null, 0, 1, 0, List.of(trackers), Notify.NONE, false, null, 0);
    }

    /** Everything named in {@code up} is up / OK / healthy; the rest is not. */
    private static Tracking.Observed observed(String... up) {
        Set<String> ok = Set.of(up);
        return new Tracking.Observed() {
            @Override
            public boolean linkUp(String iface) {
                return ok.contains(iface);
            }

            @Override
            public boolean scriptOk(String name) {
                return ok.contains(name);
            }

            @Override
            public boolean virtualHealthy(String name) {
                return ok.contains(name);
            }
        };
    }

    @Test
    void weightsAddUpToTheEffectivePriority() {
        InstanceConfig c = instance(100, new Tracker(Tracker.Kind.SCRIPT, "chk", -30, false),
                new Tracker(Tracker.Kind.INTERFACE, "eth1", 10, false),
                new Tracker(Tracker.Kind.VIRTUAL, "web", -50, false));
        Tracking.Verdict all = Tracking.evaluate(c, null, observed("eth0", "chk", "eth1", "web"));
        assertThat(all.priority()).isEqualTo(110);
        assertThat(all.fault()).isFalse();
        assertThat(all.observations()).extracting(Tracking.Observation::ok).containsExactly(true, true, true);
        assertThat(all.observations()).extracting(Tracking.Observation::contribution).containsExactly(0, 10, 0);
        Tracking.Verdict some = Tracking.evaluate(c, null, observed("eth0", "eth1"));
        assertThat(some.priority()).isEqualTo(30);
        assertThat(some.reason()).isEmpty();
        assertThat(some.observations()).extracting(Tracking.Observation::contribution).containsExactly(-30, 10, -50);
        assertThat(Tracking.evaluate(c, null, observed("eth0")).priority()).isEqualTo(20);
    }

    @Test
    void anOwnerKeepsPriority255WhateverItsTrackersSay() {
        InstanceConfig c = instance(255, new Tracker(Tracker.Kind.SCRIPT, "chk", -100, false));
        assertThat(Tracking.evaluate(c, null, observed("eth0")).priority()).isEqualTo(255);
    }

    @Test
    void aFailedWeightZeroTrackerIsAFaultNamedAfterIt() {
        InstanceConfig c = instance(100, new Tracker(Tracker.Kind.VIRTUAL, "web", 0, false));
        assertThat(Tracking.evaluate(c, null, observed("eth0", "web")).fault()).isFalse();
        assertThat(Tracking.evaluate(c, null, observed("eth0")))
                .isEqualTo(new Tracking.Verdict(100, true, "track_virtual web",
                        List.of(new Tracking.Observation(c.trackers().get(0), false, 0))));
    }

    @Test
    void theInstancesOwnInterfaceDownIsAFault() {
        assertThat(Tracking.evaluate(instance(100), null, observed()))
                .isEqualTo(new Tracking.Verdict(100, true, "interface eth0 down", List.of()));
    }

    @Test
    void anUnusableInterfaceIsAFaultWithItsReasonWhateverTheLinkSays() {
        assertThat(Tracking.evaluate(instance(100), "eth0 has no IPv4 address", observed("eth0")))
                .isEqualTo(new Tracking.Verdict(100, true, "eth0 has no IPv4 address", List.of()));
    }

    @Test
    void aReversedTrackerFaultsWhileItsObjectIsOk() {
        InstanceConfig c = instance(100, new Tracker(Tracker.Kind.SCRIPT, "standby", 0, true));
        assertThat(Tracking.evaluate(c, null, observed("eth0")).fault()).isFalse();
        assertThat(Tracking.evaluate(c, null, observed("eth0", "standby")).reason()).isEqualTo("track_script standby");
    }
}
