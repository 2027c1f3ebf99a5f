package lvsd.vrrp;

import static lvsd.vrrp.Hex.v4;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.util.List;
import lvsd.vrrp.Action.AddVips;
import lvsd.vrrp.Action.Garp;
import lvsd.vrrp.Action.RemoveVips;
import lvsd.vrrp.Action.SendAdvert;
import lvsd.vrrp.Action.Transition;
import lvsd.vrrp.VrrpMachine.Step;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** One test per transition of vrrp.md §6 (and keepalived's §9 extensions), time stepped by hand. */
class VrrpMachineTest {
    static final long MS = 1_000_000L;
    static final long S = 1000 * MS;
    static final Inet4Address ME = v4("10.0.0.2");
    static final Inet4Address LOWER_ADDR = v4("10.0.0.1");
    static final Inet4Address HIGHER_ADDR = v4("10.0.0.3");
    static final long T0 = 5_000 * S; // an arbitrary monotonic origin

    static MachineParams params(int version, boolean preempt, long preemptDelay, boolean initialMaster) {
        return new MachineParams(version, 100, preempt, preemptDelay, initialMaster, ME, true);
    }

    static VrrpMachine backup(int version, int prio) {
        return VrrpMachine.initial(params(version, true, 0, false), prio, false).start(T0).next();
    }

    static VrrpMachine master(int version, int prio) {
        VrrpMachine b = backup(version, prio);
        return b.timer(b.timerAt()).next();
    }

    static Inbound advert(int version, int prio, Inet4Address from, int intervalCs) {
        Advert a = version == 2
                ? new Advert(2, 1, prio, intervalCs, List.of(v4("10.0.0.100")), 0, new byte[8])
                : new Advert(3, 1, prio, intervalCs, List.of(v4("10.0.0.100")), 0, new byte[0]);
        return new Inbound(from, AdvertCodec.MCAST_GROUP, 255, a, true);
    }

    @Nested
    class Initialize {
        @Test
        void ownerStartsAsMasterAddingVipsThenGarpThenAdvertising() {
            Step s = VrrpMachine.initial(params(3, true, 0, false), 255, false).start(T0);
            assertThat(s.next().state()).isEqualTo(VrrpState.MASTER);
            assertThat(s.actions()).containsExactly(new AddVips(), new Garp(), new SendAdvert(255),
                    new Transition(VrrpState.INIT, VrrpState.MASTER, 255));
            assertThat(s.next().timerAt()).isEqualTo(T0 + S);
        }

        @Test
        void nonOwnerStartsAsBackupWithMasterDownTimer() {
            Step s = VrrpMachine.initial(params(3, true, 0, false), 100, false).start(T0);
            assertThat(s.next().state()).isEqualTo(VrrpState.BACKUP);
            assertThat(s.actions()).containsExactly(new Transition(VrrpState.INIT, VrrpState.BACKUP, 100));
            assertThat(s.next().timerAt() - T0).isEqualTo(3_609_375_000L); // 3 s + 60.9375 cs
        }

        @Test
        void stateMasterWishWaitsOneIntervalPlusMinimalSkew() {
            Step s = VrrpMachine.initial(params(3, true, 0, true), 100, false).start(T0);
            assertThat(s.next().state()).isEqualTo(VrrpState.BACKUP);
            assertThat(s.next().timerAt() - T0).isEqualTo(S + 3_906_250L);
        }

        @Test
        void faultAtStartupGoesToFault() {
            Step s = VrrpMachine.initial(params(3, true, 0, false), 100, true).start(T0);
            assertThat(s.next().state()).isEqualTo(VrrpState.FAULT);
            assertThat(s.next().timerAt()).isEqualTo(VrrpMachine.NONE);
        }
    }

    @Nested
    class Backup {
        @Test
        void masterDownTimerFiringMakesMasterHoldingTheVipsBeforeItAdvertises() {
            VrrpMachine b = backup(3, 100);
            assertThat(b.timer(b.timerAt() - 1).actions()).isEmpty(); // not yet
            Step s = b.timer(b.timerAt());
            assertThat(s.next().state()).isEqualTo(VrrpState.MASTER);
            assertThat(s.actions()).containsExactly(new AddVips(), new Garp(), new SendAdvert(100),
                    new Transition(VrrpState.BACKUP, VrrpState.MASTER, 100));
        }

        @Test
        void priorityZeroAdvertShortensTimerToSkewTime() {
            VrrpMachine b = backup(3, 100);
            Step s = b.advert(T0 + S, advert(3, 0, HIGHER_ADDR, 100));
            assertThat(s.next().timerAt()).isEqualTo(T0 + S + 609_375_000L);
            assertThat(s.actions()).isEmpty();
        }

        @Test
        void higherPriorityAdvertResetsMasterDownTimer() {
            VrrpMachine b = backup(3, 100);
            long now = T0 + 2 * S;
            Step s = b.advert(now, advert(3, 150, LOWER_ADDR, 100));
            assertThat(s.next().state()).isEqualTo(VrrpState.BACKUP);
            assertThat(s.next().timerAt()).isEqualTo(now + 3_609_375_000L);
        }

        @Test
        void equalPriorityAdvertAlsoResetsTimer() {
            VrrpMachine b = backup(2, 100);
            Step s = b.advert(T0 + S, advert(2, 100, LOWER_ADDR, 100));
            assertThat(s.next().timerAt()).isEqualTo(T0 + S + 3_609_375_000L);
        }

        @Test
        void v3BackupLearnsMasterAdverInterval() {
            VrrpMachine b = backup(3, 100);
            Step s = b.advert(T0, advert(3, 200, LOWER_ADDR, 10));
            assertThat(s.next().masterIntervalCs()).isEqualTo(10);
            // 3 × 10 cs + (156 × 10 / 256) cs = 300 ms + 60.9375 ms
            assertThat(s.next().timerAt() - T0).isEqualTo(360_937_500L);
        }

        @Test
        void lowerPriorityAdvertIsDiscardedWithPreemptSoWeTakeOver() {
            VrrpMachine b = backup(3, 100);
            long before = b.timerAt();
            Step s = b.advert(T0 + S, advert(3, 50, HIGHER_ADDR, 100));
            assertThat(s.next()).isEqualTo(b);
            assertThat(s.next().timerAt()).isEqualTo(before);
        }

        @Test
        void nopreemptAcceptsLowerPriorityAdverts() {
            VrrpMachine b = VrrpMachine.initial(params(3, false, 0, false), 200, false).start(T0).next();
            Step s = b.advert(T0 + S, advert(3, 50, HIGHER_ADDR, 100));
            assertThat(s.next().timerAt()).isEqualTo(T0 + S + Timing.masterDownNanos(3, 200, 100));
        }

        @Test
        void preemptDelayAcceptsLowerAdvertsUntilItExpires() {
            VrrpMachine b = VrrpMachine.initial(params(3, true, 10 * S, false), 200, false).start(T0).next();
            Step first = b.advert(T0 + S, advert(3, 50, HIGHER_ADDR, 100));
            assertThat(first.next().preemptAt()).isEqualTo(T0 + 11 * S);
            Step during = first.next().advert(T0 + 5 * S, advert(3, 50, HIGHER_ADDR, 100));
            assertThat(during.next().timerAt()).isEqualTo(T0 + 5 * S + Timing.masterDownNanos(3, 200, 100));
            assertThat(during.next().preemptAt()).isEqualTo(T0 + 11 * S);
            VrrpMachine afterDelay = during.next();
            long t = T0 + 11 * S;
            Step expired = afterDelay.advert(t, advert(3, 50, HIGHER_ADDR, 100));
            assertThat(expired.next().timerAt()).isEqualTo(afterDelay.timerAt()); // discarded now
            Step takeover = expired.next().timer(expired.next().timerAt());
            assertThat(takeover.next().state()).isEqualTo(VrrpState.MASTER);
        }

        @Test
        void preemptDelayIsDisarmedByAnAdvertOfHigherPriority() {
            VrrpMachine b = VrrpMachine.initial(params(3, true, 10 * S, false), 200, false).start(T0).next();
            VrrpMachine armed = b.advert(T0 + S, advert(3, 50, HIGHER_ADDR, 100)).next();
            VrrpMachine disarmed = armed.advert(T0 + 2 * S, advert(3, 250, HIGHER_ADDR, 100)).next();
            assertThat(disarmed.preemptAt()).isEqualTo(VrrpMachine.NONE);
        }

        @Test
        void shutdownGoesToInitWithoutAdvert() {
            Step s = backup(3, 100).shutdown(T0);
            assertThat(s.next().state()).isEqualTo(VrrpState.INIT);
            assertThat(s.actions()).containsExactly(new Transition(VrrpState.BACKUP, VrrpState.INIT, 100));
        }
    }

    @Nested
    class Master {
        @Test
        void adverTimerSendsAdvertAndRearms() {
            VrrpMachine m = master(3, 100);
            Step s = m.timer(m.timerAt());
            assertThat(s.actions()).containsExactly(new SendAdvert(100));
            assertThat(s.next().timerAt()).isEqualTo(m.timerAt() + S);
        }

        @Test
        void priorityZeroAdvertIsAnsweredAtOnce() {
            VrrpMachine m = master(3, 100);
            long now = m.timerAt() - 500 * MS;
            Step s = m.advert(now, advert(3, 0, HIGHER_ADDR, 100));
            assertThat(s.actions()).containsExactly(new SendAdvert(100));
            assertThat(s.next().timerAt()).isEqualTo(now + S);
            assertThat(s.next().state()).isEqualTo(VrrpState.MASTER);
        }

        @Test
        void higherPriorityAdvertMakesBackupAndRemovesVips() {
            VrrpMachine m = master(3, 100);
            long now = T0 + 10 * S;
            Step s = m.advert(now, advert(3, 101, LOWER_ADDR, 50));
            assertThat(s.next().state()).isEqualTo(VrrpState.BACKUP);
            // one last advert with our priority first, so a winner that never heard us learns of the split
            assertThat(s.actions()).containsExactly(new SendAdvert(100), new RemoveVips(),
                    new Transition(VrrpState.MASTER, VrrpState.BACKUP, 100));
            assertThat(s.next().masterIntervalCs()).isEqualTo(50);
            assertThat(s.next().timerAt()).isEqualTo(now + Timing.masterDownNanos(3, 100, 50));
        }

        @Test
        void equalPriorityFromHigherAddressWins() {
            Step s = master(2, 100).advert(T0 + 10 * S, advert(2, 100, HIGHER_ADDR, 100));
            assertThat(s.next().state()).isEqualTo(VrrpState.BACKUP);
        }

        @Test
        void equalPriorityFromLowerAddressLosesAndWeReassert() {
            Step s = master(2, 100).advert(T0 + 10 * S, advert(2, 100, LOWER_ADDR, 100));
            assertThat(s.next().state()).isEqualTo(VrrpState.MASTER);
            assertThat(s.actions()).containsExactly(new SendAdvert(100), new Garp());
        }

        @Test
        void addressComparisonIsUnsigned() {
            Step s = master(2, 100).advert(T0 + 10 * S, advert(2, 100, v4("200.0.0.1"), 100));
            assertThat(s.next().state()).isEqualTo(VrrpState.BACKUP);
        }

        @Test
        void ownAdvertIsIgnored() {
            VrrpMachine m = master(3, 100);
            Step s = m.advert(T0 + 10 * S, advert(3, 100, ME, 100));
            assertThat(s.next()).isEqualTo(m);
            assertThat(s.actions()).isEmpty();
        }

        @Test
        void lowerPriorityMasterIsAnsweredWithAdvertAndGarpToHealSplitBrain() {
            VrrpMachine m = master(3, 150);
            Step s = m.advert(T0 + 10 * S, advert(3, 100, HIGHER_ADDR, 100));
            assertThat(s.next().state()).isEqualTo(VrrpState.MASTER);
            assertThat(s.actions()).containsExactly(new SendAdvert(150), new Garp());
        }

        @Test
        void withoutSplitBrainHealingAHigherAdvertJustMakesBackup() {
            VrrpMachine m = VrrpMachine.initial(new MachineParams(3, 100, true, 0, false, ME, false), 100, false)
                    .start(T0).next();
            VrrpMachine master = m.timer(m.timerAt()).next();
            assertThat(master.advert(T0 + 10 * S, advert(3, 200, LOWER_ADDR, 100)).actions())
                    .containsExactly(new RemoveVips(), new Transition(VrrpState.MASTER, VrrpState.BACKUP, 100));
        }

        @Test
        void lowerPriorityAdvertIsDiscardedWhenReassertIsOff() {
            VrrpMachine m = VrrpMachine.initial(new MachineParams(3, 100, true, 0, false, ME, false), 255, false)
                    .start(T0).next();
            assertThat(m.advert(T0 + S, advert(3, 100, HIGHER_ADDR, 100)).actions()).isEmpty();
        }

    }

    /** The graceful stop of a Master: priority 0 now, the VIPs only once another router holds them. */
    @Nested
    class Resigning {
        static final long STOP = T0 + 20 * S;

        VrrpMachine resigning() {
            return master(3, 100).shutdown(STOP).next();
        }

        @Test
        void shutdownSendsPriorityZeroAndKeepsTheVips() {
            Step s = master(3, 100).shutdown(STOP);
            assertThat(s.next().state()).isEqualTo(VrrpState.RESIGNING);
            assertThat(s.actions()).containsExactly(new SendAdvert(0));
            assertThat(s.next().timerAt()).isEqualTo(STOP + Timing.masterDownNanos(3, 100, 100));
        }

        @Test
        void theNewMastersFirstAdvertReleasesTheVipsOneIntervalLater() {
            Step heard = resigning().advert(STOP + 600 * MS, advert(3, 50, LOWER_ADDR, 100));
            assertThat(heard.actions()).as("keepalived adds its VIPs after this advert").isEmpty();
            assertThat(heard.next().state()).isEqualTo(VrrpState.RESIGNING);
            assertThat(heard.next().timerAt()).isEqualTo(STOP + 1600 * MS);
            Step again = heard.next().advert(STOP + 1500 * MS, advert(3, 50, LOWER_ADDR, 100));
            assertThat(again.next().timerAt()).as("later adverts do not extend").isEqualTo(STOP + 1600 * MS);
            Step s = again.next().timer(STOP + 1600 * MS);
            assertThat(s.next().state()).isEqualTo(VrrpState.INIT);
            assertThat(s.next().timerAt()).isEqualTo(VrrpMachine.NONE);
            assertThat(s.actions()).containsExactly(new RemoveVips(),
                    new Transition(VrrpState.MASTER, VrrpState.INIT, 100));
        }

        @Test
        void theWaitAfterTheAdvertNeverPassesMasterDownInterval() {
            VrrpMachine r = resigning();
            long late = r.timerAt() - 100 * MS;
            assertThat(r.advert(late, advert(3, 50, LOWER_ADDR, 100)).next().timerAt()).isEqualTo(r.timerAt());
        }

        @Test
        void anotherResignationDoesNotRelease() {
            Step s = resigning().advert(STOP + 100 * MS, advert(3, 0, LOWER_ADDR, 100));
            assertThat(s.next().state()).isEqualTo(VrrpState.RESIGNING);
            assertThat(s.actions()).isEmpty();
        }

        @Test
        void withNobodyToTakeOverTheVipsGoAfterMasterDownInterval() {
            VrrpMachine r = resigning();
            assertThat(r.timer(r.timerAt() - 1).actions()).isEmpty();
            Step s = r.timer(r.timerAt());
            assertThat(s.next().state()).isEqualTo(VrrpState.INIT);
            assertThat(s.actions()).containsExactly(new RemoveVips(),
                    new Transition(VrrpState.MASTER, VrrpState.INIT, 100));
        }

        @Test
        void aFaultWhileResigningDoesNotDropTheVipsEarly() {
            Step s = resigning().track(STOP + 100 * MS, 100, true);
            assertThat(s.next().state()).isEqualTo(VrrpState.RESIGNING);
            assertThat(s.actions()).isEmpty();
        }

        @Test
        void syncGroupOrdersAndASecondShutdownChangeNothing() {
            VrrpMachine r = resigning();
            assertThat(r.forceBackup(STOP).next()).isEqualTo(r);
            assertThat(r.forceMaster(STOP).next()).isEqualTo(r);
            assertThat(r.shutdown(STOP + MS).next()).isEqualTo(r);
        }
    }

    @Nested
    class Tracking {
        @Test
        void masterEnteringFaultResignsAndRemovesVips() {
            Step s = master(3, 100).track(T0 + 10 * S, 100, true);
            assertThat(s.next().state()).isEqualTo(VrrpState.FAULT);
            assertThat(s.actions()).containsExactly(new SendAdvert(0), new RemoveVips(),
                    new Transition(VrrpState.MASTER, VrrpState.FAULT, 100));
        }

        @Test
        void backupEnteringFaultStopsItsTimer() {
            Step s = backup(3, 100).track(T0, 100, true);
            assertThat(s.next().state()).isEqualTo(VrrpState.FAULT);
            assertThat(s.next().timerAt()).isEqualTo(VrrpMachine.NONE);
            assertThat(s.next().advert(T0 + S, advert(3, 0, HIGHER_ADDR, 100)).actions()).isEmpty();
        }

        @Test
        void leavingFaultGoesToBackup() {
            VrrpMachine f = backup(3, 100).track(T0, 100, true).next();
            Step s = f.track(T0 + S, 100, false);
            assertThat(s.next().state()).isEqualTo(VrrpState.BACKUP);
            assertThat(s.next().timerAt()).isEqualTo(T0 + S + Timing.masterDownNanos(3, 100, 100));
        }

        @Test
        void priorityChangeInBackupRebasesTheTimer() {
            VrrpMachine b = backup(3, 100);
            Step s = b.track(T0 + S, 200, false);
            assertThat(s.next().priority()).isEqualTo(200);
            assertThat(s.next().timerAt()).isEqualTo(T0 + Timing.masterDownNanos(3, 200, 100));
        }

        @Test
        void masterAdvertisesItsNewPriority() {
            VrrpMachine m = master(3, 100).track(T0 + S, 80, false).next();
            assertThat(m.timer(m.timerAt()).actions()).containsExactly(new SendAdvert(80));
        }
    }

    @Nested
    class SyncGroup {
        @Test
        void forceMasterTakesABackupOver() {
            assertThat(backup(3, 100).forceMaster(T0).next().state()).isEqualTo(VrrpState.MASTER);
        }

        @Test
        void forceBackupMakesMasterResign() {
            Step s = master(3, 100).forceBackup(T0 + 10 * S);
            assertThat(s.next().state()).isEqualTo(VrrpState.BACKUP);
            assertThat(s.actions()).startsWith(new SendAdvert(0), new RemoveVips());
        }

        @Test
        void forceMasterLeavesFaultAlone() {
            VrrpMachine f = backup(3, 100).track(T0, 100, true).next();
            assertThat(f.forceMaster(T0).next().state()).isEqualTo(VrrpState.FAULT);
        }
    }
}
