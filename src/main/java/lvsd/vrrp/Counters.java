package lvsd.vrrp;

import java.util.EnumMap;
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

    /** {@code name value} lines, each prefixed with {@code prefix}. */
    void appendTo(StringBuilder sb, String prefix) {
        sb.append(prefix).append("adverts_sent ").append(advertsSent.get()).append('\n');
        sb.append(prefix).append("adverts_received ").append(advertsReceived.get()).append('\n');
        sb.append(prefix).append("priority_zero_sent ").append(priorityZeroSent.get()).append('\n');
        sb.append(prefix).append("priority_zero_received ").append(priorityZeroReceived.get()).append('\n');
        sb.append(prefix).append("became_master ").append(becameMaster.get()).append('\n');
        sb.append(prefix).append("left_master ").append(leftMaster.get()).append('\n');
        sb.append(prefix).append("garps_sent ").append(garpsSent.get()).append('\n');
        sb.append(prefix).append("address_list_mismatch ").append(addressListMismatch.get()).append('\n');
        sb.append(prefix).append("send_errors ").append(sendErrors.get()).append('\n');
        for (Drop d : Drop.values()) {
            sb.append(prefix).append("drop_").append(d.name().toLowerCase(java.util.Locale.ROOT)).append(' ')
                    .append(drops.get(d).get()).append('\n');
        }
        sb.append(prefix).append("drops_total ").append(totalDrops()).append('\n');
    }
}
