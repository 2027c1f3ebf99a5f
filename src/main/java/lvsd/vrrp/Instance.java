package lvsd.vrrp;

import java.net.Inet4Address;
import java.util.List;
import lvsd.config.InstanceConfig;
import lvsd.config.VipSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running instance: its config, its current {@link VrrpMachine} and the I/O that machine's actions need.
 * Confined to the VRRP thread.
 */
final class Instance {
    private static final Logger log = LoggerFactory.getLogger(Instance.class);

    final InstanceConfig cfg;
    final Counters counters = new Counters();
    final AdvertFilter filter;
    /** Our source and tie-break address; the placeholder 0.0.0.0 until the interface is usable. */
    Inet4Address localAddress = AdvertCodec.v4(new byte[4]);
    /** Whether the interface is open and the source address known; until then the instance is in FAULT. */
    boolean ready;
    String unavailable = "";
    volatile VrrpMachine machine; // written by the VRRP thread only; read by state()
    boolean ownFault;
    String faultReason = "";
    /** Each tracker's result at the last poll, for the status snapshot. */
    List<lvsd.status.StatusSnapshot.Tracker> trackerResults = List.of();
    long nextGarpBurst = VrrpMachine.NONE;
    private int burstsLeft;
    private long lastReassert;
    private boolean reasserted;

    Instance(InstanceConfig cfg) {
        this.cfg = cfg;
        this.filter = new AdvertFilter(cfg.version(), cfg.intervalCs(), cfg.vipAddresses(), cfg.password(),
                cfg.peers(), cfg.priority() == 255);
        this.machine = VrrpMachine.initial(params(localAddress), cfg.priority(), false);
    }

    private MachineParams params(Inet4Address local) {
        return new MachineParams(cfg.version(), cfg.intervalCs(), cfg.preempt(), cfg.preemptDelayNs(),
                cfg.initialMaster(), local, true);
    }

    /**
     * Opens the interface and learns the source address. An interface that does not exist (yet) or has no
     * IPv4 address is not an error: the instance stays in FAULT and this is retried (keepalived does the
     * same, and interfaces such as VLANs may appear after lvsd starts).
     *
     * @throws VrrpIoException for any other failure, e.g. no CAP_NET_RAW
     */
    boolean tryReady(VrrpIo io) throws VrrpIoException {
        if (ready) {
            return true;
        }
        try {
            Inet4Address local = cfg.unicastSrc() != null ? cfg.unicastSrc() : io.primaryAddress(cfg.iface());
            if (local == null) {
                unavailable = cfg.iface() + " has no IPv4 address to send adverts from (or set unicast_src_ip=)";
                return false;
            }
            io.open(cfg.iface(), multicast());
            localAddress = local;
            VrrpMachine m = machine;
            machine = new VrrpMachine(params(local), m.state(), m.priority(), m.fault(), m.timerAt(),
                    m.masterIntervalCs(), m.preemptAt());
            ready = true;
            unavailable = "";
            return true;
        } catch (VrrpIoException e) {
            if (e.errno() != 19) { // ENODEV: the interface is missing
                throw e;
            }
            unavailable = e.getMessage();
            return false;
        }
    }

    boolean multicast() {
        return cfg.peers().isEmpty();
    }

    /** The advert we send with priority {@code prio}. */
    Advert advert(int prio) {
        if (cfg.version() == 2) {
            boolean pass = cfg.password() != null;
            return new Advert(2, cfg.vrid(), prio, cfg.intervalCs(), cfg.vipAddresses(),
                    pass ? Advert.AUTH_PASS : Advert.AUTH_NONE, Advert.passwordBytes(cfg.password()));
        }
        return new Advert(3, cfg.vrid(), prio, cfg.intervalCs(), cfg.vipAddresses(), Advert.AUTH_NONE, new byte[0]);
    }

    void sendAdvert(VrrpIo io, int prio) {
        Advert a = advert(prio);
        AdvertCodec.V3Checksum form = cfg.v3ChecksumAsV2() ? AdvertCodec.V3Checksum.MESSAGE_ONLY
                : AdvertCodec.V3Checksum.PSEUDO_HEADER;
        List<Inet4Address> dsts = multicast() ? List.of(AdvertCodec.MCAST_GROUP) : cfg.peers();
        for (Inet4Address dst : dsts) {
            // The v3 pseudo-header holds the destination, so each unicast peer gets its own checksum.
            byte[] packet = AdvertCodec.ipv4(AdvertCodec.encode(a, localAddress, dst, form), localAddress, dst, 255);
            try {
                io.send(cfg.iface(), packet, dst);
                counters.advertsSent.incrementAndGet();
                if (prio == 0) {
                    counters.priorityZeroSent.incrementAndGet();
                }
            } catch (VrrpIoException e) {
                counters.sendErrors.incrementAndGet();
                log.warn("{}: cannot send advert to {}: {}", cfg.name(), dst.getHostAddress(), e.getMessage());
            }
        }
    }

    void addVips(VrrpIo io) {
        for (VipSpec v : cfg.vips()) {
            if (io.addVip(v.dev() == null ? cfg.iface() : v.dev(), v) instanceof Applied.Refused r) {
                log.error("{}: cannot add {}: {}", cfg.name(), v, r.why());
            }
        }
    }

    void removeVips(VrrpIo io) {
        nextGarpBurst = VrrpMachine.NONE;
        for (VipSpec v : cfg.vips()) {
            if (io.removeVip(v.dev() == null ? cfg.iface() : v.dev(), v) instanceof Applied.Refused r) {
                log.error("{}: cannot remove {}: {}", cfg.name(), v, r.why());
            }
        }
    }

    /**
     * A burst now; then one more after garp_master_delay; then one every garp_master_refresh while Master.
     * Re-announcements that are not a transition (a lower-priority master showed up) happen at most once per
     * second, so a peer flooding low-priority adverts cannot make us flood the LAN with ARP.
     */
    void startGarp(VrrpIo io, long now, boolean transition) {
        if (!transition) {
            if (reasserted && now - lastReassert < Math.max(1_000_000_000L, machine.intervalNs())) {
                return;
            }
            reasserted = true;
            lastReassert = now;
        }
        garpBurst(io);
        burstsLeft = cfg.garpDelayNs() > 0 ? 1 : 0;
        scheduleNextBurst(now);
    }

    void garpTimer(VrrpIo io, long now) {
        if (now - nextGarpBurst < 0) {
            return;
        }
        if (machine.state() != VrrpState.MASTER) {
            nextGarpBurst = VrrpMachine.NONE;
            return;
        }
        garpBurst(io);
        if (burstsLeft > 0) {
            burstsLeft--;
        }
        scheduleNextBurst(now);
    }

    private void scheduleNextBurst(long now) {
        if (burstsLeft > 0) {
            nextGarpBurst = now + cfg.garpDelayNs();
        } else if (cfg.garpRefreshNs() > 0) {
            nextGarpBurst = now + cfg.garpRefreshNs();
        } else {
            nextGarpBurst = VrrpMachine.NONE;
        }
    }

    private void garpBurst(VrrpIo io) {
        for (int i = 0; i < cfg.garpRepeat(); i++) {
            for (VipSpec v : cfg.vips()) {
                try {
                    io.garp(v.dev() == null ? cfg.iface() : v.dev(), v.address());
                    counters.garpsSent.incrementAndGet();
                } catch (VrrpIoException e) {
                    counters.sendErrors.incrementAndGet();
                    log.warn("{}: gratuitous ARP for {} failed: {}", cfg.name(), v.address().getHostAddress(),
                            e.getMessage());
                }
            }
        }
    }
}
