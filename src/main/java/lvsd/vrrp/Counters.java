package lvsd.vrrp;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Per-instance (or per-interface) counters; written by the VRRP thread, readable from any thread. */
public final class Counters {
    private final Map<Drop, AtomicLong> drops = new EnumMap<>(Drop.class);
    public final AtomicLong advertsSent = new AtomicLong();
    public final AtomicLong advertsReceived = new AtomicLong();
    public final AtomicLong priorityZeroSent = new AtomicLong();
    public final AtomicLong priorityZeroReceived = new AtomicLong();
    public final AtomicLong becameMaster = new AtomicLong();
    public final AtomicLong leftMaster = new AtomicLong();
    public final AtomicLong garpsSent = new AtomicLong();
    public final AtomicLong addressListMismatch = new AtomicLong();
    public final AtomicLong sendErrors = new AtomicLong();

    public Counters() {
        for (Drop d : Drop.values()) {
            drops.put(d, new AtomicLong());
        }
    }

    public void drop(Drop d) {
        drops.get(d).incrementAndGet();
    }

    public long drops(Drop d) {
        return drops.get(d).get();
    }

    public long totalDrops() {
        return drops.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** Every counter by its status name (docs/vrrp.md), in that order. */
    Map<String, Long> byName() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("adverts_sent", advertsSent.get());
        m.put("adverts_received", advertsReceived.get());
        m.put("priority_zero_sent", priorityZeroSent.get());
        m.put("priority_zero_received", priorityZeroReceived.get());
        m.put("became_master", becameMaster.get());
        m.put("left_master", leftMaster.get());
        m.put("garps_sent", garpsSent.get());
        m.put("address_list_mismatch", addressListMismatch.get());
        m.put("send_errors", sendErrors.get());
        for (Drop d : Drop.values()) {
            m.put("drop_" + d.name().toLowerCase(java.util.Locale.ROOT), drops.get(d).get());
        }
        m.put("drops_total", totalDrops());
        return m;
    }
}
