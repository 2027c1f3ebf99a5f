package lvsd.vrrp;

import static lvsd.vrrp.Hex.v4;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import lvsd.clock.Ticker;
import lvsd.sys.GroupLauncher;
import lvsd.config.ConfigParser;
import lvsd.config.NameResolver;
import lvsd.config.ParseResult;
import lvsd.config.Notify;
import lvsd.config.SyncGroupConfig;
import lvsd.config.VrrpConfig;
import lvsd.status.StatusSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The whole engine (service loop, filter, machine, effects) over {@link FakeNet}, in real time with v3 at
 * 0.05 s adverts: runs anywhere, no root. Waits poll with a deadline.
 */
class VrrpServiceTest {
    static final Inet4Address VIP = v4("10.0.0.100");
    /** Notify hooks and vrrp_scripts run as real processes. */
    static final GroupLauncher LAUNCHER = new GroupLauncher();
    final FakeNet net = new FakeNet();
    final List<VrrpService> services = new ArrayList<>();

    @AfterEach
    void stopAll() {
        services.forEach(VrrpService::close);
    }

    static VrrpConfig config(String... extra) {
        return config(List.of(extra), "VI_1", "eth0", 51, VIP);
    }

    static VrrpConfig config(List<String> extra, String name, String iface, int vrid, Inet4Address vip) {
        StringBuilder text = new StringBuilder("vrrp_instance=" + name + "\n");
        List<String> lines = new ArrayList<>(List.of("interface=" + iface, "virtual_router_id=" + vrid,
                "version=3", "advert_int=0.05", "virtual_ipaddress=" + vip.getHostAddress(), "garp_master_delay=0"));
        lines.addAll(extra);
        lines.forEach(l -> text.append("    ").append(l).append('\n'));
        // track_virtual=web must name a virtual service of the file
        text.append("virtual=192.0.2.80:80\n    real=192.0.2.81:80 gate\n    servicename=web\n");
        ParseResult r = new ConfigParser(NameResolver.system()).parseText("t.cf", text.toString());
        assertThat(r.diagnostics()).isEmpty();
        return r.config().vrrp();
    }

    VrrpService start(VrrpConfig c, FakeNet.Node node, VirtualHealth health, List<StateChange> changes)
            throws Exception {
        VrrpService s = VrrpService.start(c, node, Ticker.SYSTEM, health, ConnectionSync.NONE, LAUNCHER,
                changes == null ? null : changes::add);
        services.add(s);
        return s;
    }

    static void await(String what, BooleanSupplier cond) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    @Test
    void higherPriorityWinsAndTheBackupTakesOverWhenTheMasterFallsSilent() throws Exception {
        FakeNet.Node a = net.node("a", v4("10.0.0.1"));
        FakeNet.Node b = net.node("b", v4("10.0.0.2"));
        List<StateChange> bChanges = new CopyOnWriteArrayList<>();
        VrrpService sa = start(config("priority=150"), a, VirtualHealth.ALL_HEALTHY, null);
        await("a master", () -> sa.state("VI_1") == VrrpState.MASTER); // b starts later: no race at startup
        VrrpService sb = start(config("priority=100"), b, VirtualHealth.ALL_HEALTHY, bChanges);
        await("b hears a", () -> sb.counters("VI_1").advertsReceived.get() >= 5);
        assertThat(sb.state("VI_1")).isEqualTo(VrrpState.BACKUP);
        await("a holds the VIP", () -> a.vips.contains(VIP));
        assertThat(b.vips).isEmpty();
        a.connected = false; // a crashes, as far as b can tell
        await("b master", () -> sb.state("VI_1") == VrrpState.MASTER);
        // the state is set before its actions run: wait for the effects themselves
        await("b holds the VIP and sent a GARP burst", () -> b.vips.contains(VIP)
                && Integer.valueOf(5).equals(b.garps.get(VIP)));
        await("listener told", () -> bChanges.size() == 2); // listeners run just after the state is set
        assertThat(bChanges).extracting(StateChange::to).containsExactly(VrrpState.BACKUP, VrrpState.MASTER);
        await("status text", () -> sb.status().contains("instance VI_1 state MASTER priority 100"));
    }

    @Test
    void gracefulCloseResignsWithPriorityZero() throws Exception {
        FakeNet.Node a = net.node("a", v4("10.0.0.1"));
        FakeNet.Node b = net.node("b", v4("10.0.0.2"));
        VrrpService sa = start(config("priority=150"), a, VirtualHealth.ALL_HEALTHY, null);
        await("a master", () -> sa.state("VI_1") == VrrpState.MASTER);
        VrrpService sb = start(config("priority=100"), b, VirtualHealth.ALL_HEALTHY, null);
        await("b hears a", () -> sb.counters("VI_1").advertsReceived.get() >= 3);
        sa.close();
        sa.close(); // idempotent (the @AfterEach closes every service again anyway)
        assertThat(a.vips).isEmpty();
        assertThat(sb.state("VI_1")).as("close returns once b took over").isEqualTo(VrrpState.MASTER);
        assertThat(sb.counters("VI_1").priorityZeroReceived.get()).isEqualTo(1);
        // b added the VIP before a removed it: at no moment did nobody hold it
        assertThat(net.vipEvents).containsExactly("a+10.0.0.100", "b+10.0.0.100", "a-10.0.0.100");
    }

    @Test
    void aBackupThatWasNotScheduledReadsTheQueuedAdvertsBeforeDeclaringTheMasterDown() throws Exception {
        FakeNet.Node a = net.node("a", v4("10.0.0.1"));
        FakeNet.Node b = net.node("b", v4("10.0.0.2"));
        VrrpService sa = start(config("priority=150"), a, VirtualHealth.ALL_HEALTHY, null);
        await("a master", () -> sa.state("VI_1") == VrrpState.MASTER);
        java.util.concurrent.atomic.AtomicLong skipped = new java.util.concurrent.atomic.AtomicLong();
        VrrpService sb = VrrpService.start(config("priority=100"), b, () -> System.nanoTime() + skipped.get(),
                VirtualHealth.ALL_HEALTHY, ConnectionSync.NONE, LAUNCHER, null);
        services.add(sb);
        await("b hears a", () -> sb.counters("VI_1").advertsReceived.get() >= 3);
        java.util.concurrent.CountDownLatch resume = new java.util.concurrent.CountDownLatch(1);
        b.stalled = false;
        b.stall = resume;
        await("b's thread stalled", () -> b.stalled);
        long heard = sb.counters("VI_1").advertsReceived.get();
        await("a's adverts queue up for b", () -> b.rx.size() >= 2);
        skipped.addAndGet(10_000_000_000L); // b's thread comes back 10 s later (a GC pause, a starved VM)
        resume.countDown();
        await("b reads what was queued", () -> sb.counters("VI_1").advertsReceived.get() >= heard + 4);
        assertThat(sb.counters("VI_1").becameMaster.get()).as("b took over while a's adverts waited").isZero();
        assertThat(b.vips).isEmpty();
    }

    @Test
    void gracefulCloseWithNobodyToTakeOverKeepsTheVipForMasterDownInterval() throws Exception {
        FakeNet.Node a = net.node("a", v4("10.0.0.1"));
        VrrpService sa = start(config("priority=150"), a, VirtualHealth.ALL_HEALTHY, null);
        await("a master", () -> sa.state("VI_1") == VrrpState.MASTER);
        long t = System.nanoTime();
        sa.close();
        long took = System.nanoTime() - t;
        assertThat(a.vips).isEmpty();
        // Master_Down_Interval at 0.05 s adverts and priority 150: 3 x 50 ms + 20.7 ms skew
        assertThat(took).as("held until the deadline").isGreaterThanOrEqualTo(Timing.masterDownNanos(3, 150, 5));
    }

    @Test
    void garbageAndForeignVridsAreCountedPerInterface() throws Exception {
        FakeNet.Node a = net.node("a", v4("10.0.0.1"));
        VrrpService sa = start(config("priority=150"), a, VirtualHealth.ALL_HEALTHY, null);
        await("a master", () -> sa.state("VI_1") == VrrpState.MASTER);
        Advert other = new Advert(3, 99, 200, 5, List.of(VIP), 0, new byte[0]);
        Inet4Address src = v4("10.0.0.9");
        a.inject("eth0", AdvertCodec.ipv4(AdvertCodec.encode(other, src, AdvertCodec.MCAST_GROUP,
                AdvertCodec.V3Checksum.PSEUDO_HEADER), src, AdvertCodec.MCAST_GROUP, 255));
        a.inject("eth0", new byte[] {0x45, 0, 0, 20});
        byte[] bad = AdvertCodec.ipv4(AdvertCodec.encode(other, src, AdvertCodec.MCAST_GROUP,
                AdvertCodec.V3Checksum.PSEUDO_HEADER), src, AdvertCodec.MCAST_GROUP, 255);
        bad[25] ^= 0x10;
        a.inject("eth0", bad);
        Counters ifc = sa.counters("iface:eth0");
        await("drops counted", () -> ifc.totalDrops() == 3);
        assertThat(ifc.drops(Drop.UNKNOWN_VRID)).isEqualTo(1);
        assertThat(ifc.drops(Drop.NOT_VRRP)).isEqualTo(1);
        assertThat(ifc.drops(Drop.BAD_CHECKSUM)).isEqualTo(1);
        assertThat(sa.state("VI_1")).isEqualTo(VrrpState.MASTER);
    }

    @Test
    void trackVirtualLowersPriorityUntilTheOtherNodePreempts() throws Exception {
        FakeNet.Node a = net.node("a", v4("10.0.0.1"));
        FakeNet.Node b = net.node("b", v4("10.0.0.2"));
        AtomicBoolean webUp = new AtomicBoolean(true);
        VrrpService sa = start(config("priority=150", "track_virtual=web weight -100"), a,
                name -> name.equals("web") && webUp.get(), null);
        await("a master", () -> sa.state("VI_1") == VrrpState.MASTER);
        VrrpService sb = start(config("priority=100"), b, VirtualHealth.ALL_HEALTHY, null);
        webUp.set(false);
        sa.trackersChanged();
        await("b master", () -> sb.state("VI_1") == VrrpState.MASTER);
        await("a backup", () -> sa.state("VI_1") == VrrpState.BACKUP);
        await("status text", () -> sa.status().contains("state BACKUP priority 50 base 150"));
        StatusSnapshot.Instance vi1 = sa.snapshot().instances().get(0);
        assertThat(vi1.priority()).isEqualTo(50);
        assertThat(vi1.base()).isEqualTo(150);
        assertThat(vi1.trackers()).containsExactly(new StatusSnapshot.Tracker("virtual", "web", -100, false, -100));
        assertThat(vi1.counters()).containsKey("adverts_sent").containsKey("drops_total");
        await("a released the VIP", () -> a.vips.isEmpty());
    }

    @Test
    void syncGroupMembersFollowEachOtherIntoFault() throws Exception {
        FakeNet.Node a = net.node("a", v4("10.0.0.1"));
        Inet4Address vip2 = v4("10.0.1.100");
        VrrpConfig one = config(List.of("priority=150", "track_virtual=web"), "VI_1", "eth0", 51, VIP);
        VrrpConfig two = config(List.of("priority=150"), "VI_2", "eth1", 52, vip2);
        VrrpConfig both = new VrrpConfig(List.of(one.instances().get(0), two.instances().get(0)), List.of(),
                List.of(new SyncGroupConfig("G", List.of("VI_1", "VI_2"), Notify.NONE)));
        AtomicBoolean webUp = new AtomicBoolean(true);
        VrrpService sa = start(both, a, name -> webUp.get(), null);
        await("both master", () -> sa.state("VI_1") == VrrpState.MASTER && sa.state("VI_2") == VrrpState.MASTER);
        await("both VIPs", () -> a.vips.containsAll(List.of(VIP, vip2)));
        webUp.set(false);
        sa.trackersChanged();
        await("both fault", () -> sa.state("VI_1") == VrrpState.FAULT && sa.state("VI_2") == VrrpState.FAULT);
        await("both VIPs released", () -> a.vips.isEmpty());
    }

    @Test
    void notifyScriptsGetKeepalivedsArgumentsAndTheSyncDaemonFollowsTheRole(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path dir) throws Exception {
        FakeNet.Node a = net.node("a", v4("10.0.0.1"));
        java.nio.file.Path log = dir.resolve("notify.log");
        java.nio.file.Path script = dir.resolve("notify.sh");
        java.nio.file.Files.writeString(script, "#!/bin/sh\necho \"$*\" >> " + log + "\n");
        script.toFile().setExecutable(true);
        List<String> sync = new CopyOnWriteArrayList<>();
        ConnectionSync recording = new ConnectionSync() {
            @Override
            public Applied becomeMaster(String iface, int id) {
                sync.add("master " + iface + " " + id);
                return Applied.OK;
            }

            @Override
            public Applied becomeBackup(String iface, int id) {
                sync.add("backup " + iface + " " + id);
                return Applied.OK;
            }

            @Override
            public Applied stop(String iface, int id) {
                sync.add("stop " + iface + " " + id);
                return Applied.OK;
            }
        };
        VrrpConfig c = config("priority=150", "notify_master=" + script + " became-master",
                "notify=" + script + " any", "lvs_sync_daemon=eth9 id 7");
        VrrpService sa = VrrpService.start(c, a, Ticker.SYSTEM, VirtualHealth.ALL_HEALTHY, recording, LAUNCHER,
                null);
        await("a master", () -> sa.state("VI_1") == VrrpState.MASTER);
        sa.close(); // waits for queued notify scripts
        assertThat(java.nio.file.Files.readAllLines(log)).containsExactly(
                "any INSTANCE VI_1 BACKUP 150", "became-master", "any INSTANCE VI_1 MASTER 150",
                "any INSTANCE VI_1 STOP 150");
        assertThat(sync).containsExactly("backup eth9 7", "master eth9 7", "stop eth9 7");
    }

    @Test
    void aMissingInterfaceMeansFaultUntilItAppears() throws Exception {
        FakeNet.Node a = net.node("a", v4("10.0.0.1"));
        a.present = false;
        VrrpService sa = start(config("priority=150"), a, VirtualHealth.ALL_HEALTHY, null);
        await("fault", () -> sa.status().contains("state FAULT") && sa.status().contains("fault yes"));
        assertThat(sa.snapshot().instances().get(0).faultReason()).contains("no such interface");
        a.present = true;
        await("master once the interface exists", () -> sa.state("VI_1") == VrrpState.MASTER);
        await("VIP added", () -> a.vips.contains(VIP));
    }

    @Test
    void interfaceDownMeansFaultAndTheVipGoes() throws Exception {
        FakeNet.Node a = net.node("a", v4("10.0.0.1"));
        VrrpService sa = start(config("priority=150"), a, VirtualHealth.ALL_HEALTHY, null);
        await("master", () -> sa.state("VI_1") == VrrpState.MASTER);
        a.linkUp = false;
        await("fault", () -> sa.state("VI_1") == VrrpState.FAULT);
        await("VIP removed", () -> a.vips.isEmpty());
        a.linkUp = true;
        await("master again", () -> sa.state("VI_1") == VrrpState.MASTER);
    }

    @Test
    void aVrrpThreadThatDiesReleasesItsVipsAndTellsItsOwner() throws Exception {
        FakeNet.Node a = net.node("a", v4("10.0.0.1"));
        List<Throwable> deaths = new CopyOnWriteArrayList<>();
        VrrpService sa = VrrpService.start(config("priority=150"), a, Ticker.SYSTEM, VirtualHealth.ALL_HEALTHY,
                ConnectionSync.NONE, LAUNCHER, null, deaths::add);
        services.add(sa);
        await("a master with the VIP", () -> sa.state("VI_1") == VrrpState.MASTER && a.vips.contains(VIP));
        IllegalStateException injected = new IllegalStateException("injected");
        sa.heartbeat().failNextTurn(injected);
        await("the owner is told", () -> !deaths.isEmpty());
        assertThat(deaths).containsExactly(injected);
        assertThat(a.vips).as("released before telling").isEmpty();
    }
}
