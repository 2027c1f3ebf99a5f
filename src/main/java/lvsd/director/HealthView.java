package lvsd.director;

import lvsd.config.CheckType;
import lvsd.config.RealServer;
import lvsd.config.VirtualService;

/**
 * The director's read-only view of health: the daemon implements it over the check engine's transitions (keyed
 * however the engine keys its checks); {@code lvsd plan} uses {@link #staticView}.
 */
@FunctionalInterface
public interface HealthView {

    RealHealth health(VirtualService virtual, RealServer real);

    /**
     * Health known without running any check: {@code checktype=on} is up, {@code off} is down, every other real
     * is pending (or up, with {@code assumeUp}). This is exactly what the first cycle of {@code lvsd run} sees
     * before any check has finished.
     */
    static HealthView staticView(boolean assumeUp) {
        return (v, r) -> {
            CheckType t = v.check().type();
            if (t == CheckType.ON) {
                return RealHealth.Up.of("checktype=on");
            }
            if (t == CheckType.OFF) {
                return new RealHealth.Down("checktype=off");
            }
            return assumeUp ? RealHealth.Up.of("assumed up") : RealHealth.PENDING;
        };
    }
}
