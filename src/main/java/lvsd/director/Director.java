package lvsd.director;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import lvsd.config.Config;
import lvsd.config.VirtualService;
import lvsd.inet.Addresses;
import lvsd.inet.Family;
import lvsd.ipvs.IpvsOp;
import lvsd.ipvs.IpvsTable;
import lvsd.ipvs.ServiceKey;
import lvsd.ipvs.ServiceState;

/**
 * The director's public API: one call per reconcile cycle, no I/O, no clock of its own.
 *
 * <pre>{@code
 * Director director = new Director(hostNames);            // once per configuration (names for maintenancedir)
 * DirectorState state = DirectorState.INITIAL;            // at start
 * // each cycle (after a health transition, a reload, a maintenancedir change, or on a timer):
 * IpvsTable kernel = client.dump();                       // one dump per cycle
 * MaintenanceSet maint = MaintenanceDir.scan(dir);        // one listing per cycle
 * CycleResult r = director.cycle(state, config, health, maint, kernel, ticker.nanos());
 * client.apply(r.ops());                                  // one batch
 * r.effects() -> run asynchronously (FallbackCommand: command + arguments())
 * r.log()     -> one line each
 * state = r.state();                                      // only after the ops were applied (or attempted)
 * // on stop:
 * client.apply(director.stop(state, config, client.dump()));
 * }</pre>
 *
 * A reload is just a cycle with the new {@link Config} and the same state: virtuals the new file drops are
 * deleted, reals it drops are deleted (or drained), edits happen in place, the check state of unchanged reals is
 * kept (by the check engine) and so is the director's own state (keyed by identity). {@code lvsd plan} is one
 * cycle from {@link DirectorState#INITIAL} with {@link HealthView#staticView}, which is exactly the first cycle
 * {@code lvsd run} performs on the same kernel table.
 */
public final class Director {

    private final HostNames names;

    public Director(HostNames names) {
        this.names = Objects.requireNonNull(names, "names");
    }

    public Director() {
        this(HostNames.NONE);
    }

    public CycleResult cycle(DirectorState state, Config config, HealthView health, MaintenanceSet maintenance,
            IpvsTable kernel, long nowNanos) {
        DesiredTable desired = DesiredTable.compute(config, health, maintenance, names, kernel, state.fallback());
        Reconciler.Plan plan = Reconciler.diff(kernel, desired, state.owned(), state.draining(), nowNanos);

        List<Effect> effects = new ArrayList<>();
        Map<ServiceKey, FallbackMachine.State> fallback = new HashMap<>();
        Map<DestRef, RealStatus> statuses = new LinkedHashMap<>();
        Map<DestRef, String> reasons = new HashMap<>();
        Map<DestRef, String> labels = new HashMap<>();
        Set<ServiceKey> owned = new HashSet<>();
        for (DesiredService ds : desired.services()) {
            ServiceKey key = ds.service().key();
            owned.add(key);
            fallback.put(key, ds.fallback().state());
            ds.fallbackCommand().ifPresent(effects::add);
            for (DesiredDest dd : ds.destinations()) {
                DestRef ref = DestRef.of(key, dd.destination());
                statuses.put(ref, dd.placement().status());
                reasons.put(ref, dd.placement().reason());
                labels.put(ref, "virtual " + ds.label() + (dd.role() == DesiredDest.Role.FALLBACK ? " fallback " : " real ")
                        + ref.endpoint());
            }
        }
        for (DestRef ref : plan.draining().keySet()) {
            statuses.put(ref, RealStatus.DRAINING);
            reasons.put(ref, "not in the configuration");
        }
        // Services a reload dropped stay owned while the kernel still has them (they are deleted by this plan).
        for (ServiceState s : kernel.services()) {
            if (state.owned().contains(s.key()) && !owned.contains(s.key())) {
                owned.add(s.key());
            }
        }

        List<String> log = new ArrayList<>();
        Map<ServiceKey, String> serviceLabels = serviceLabels(config);
        for (Map.Entry<DestRef, RealStatus> e : statuses.entrySet()) {
            DestRef ref = e.getKey();
            RealStatus before = state.statuses().get(ref);
            RealStatus after = e.getValue();
            if (before == null) {
                before = after.kind() == RealStatus.Kind.FALLBACK || after.kind() == RealStatus.Kind.DRAINING
                        ? RealStatus.REMOVED : RealStatus.PENDING;
            }
            if (!before.equals(after)) {
                String label = labels.getOrDefault(ref, "virtual " + serviceLabels.getOrDefault(ref.service(),
                        label(ref.service())) + " real " + ref.endpoint());
                log.add(label + ": " + before + " -> " + after + ": " + reasons.get(ref));
            }
        }
        for (Map.Entry<DestRef, String> e : plan.purged().entrySet()) {
            DestRef ref = e.getKey();
            RealStatus known = state.statuses().get(ref);
            String label = "virtual " + serviceLabels.getOrDefault(ref.service(), label(ref.service()))
                    + " real " + ref.endpoint();
            log.add(label + ": " + (known == null ? "unknown" : known) + " -> removed: " + e.getValue());
        }
        for (IpvsOp op : plan.ops()) {
            if (op instanceof IpvsOp.DeleteService d) {
                log.add("virtual " + label(d.key()) + ": removed: no longer in the configuration");
            }
        }
        // A status is remembered only while the real (or fallback) is in the configuration or draining.
        DirectorState next = new DirectorState(owned, plan.draining(), fallback, statuses);
        return new CycleResult(plan.ops(), effects, log, next);
    }

    /**
     * The operations for stopping: with cleanstop=yes (per virtual), delete each virtual of the configuration
     * (the kernel deletes its destinations with it), and the dropped virtuals the state still owns when the
     * global cleanstop is yes. With cleanstop=no nothing is touched, so a restart can adopt the table.
     */
    public List<IpvsOp> stop(DirectorState state, Config config, IpvsTable kernel) {
        List<IpvsOp> ops = new ArrayList<>();
        Set<ServiceKey> inConfig = new HashSet<>();
        for (VirtualService v : config.virtuals()) {
            ServiceKey key = ConfigMapping.key(v.key());
            inConfig.add(key);
            if (v.cleanStop() && kernel.find(key).isPresent()) {
                ops.add(new IpvsOp.DeleteService(key));
            }
        }
        if (config.globals().cleanStop()) {
            for (ServiceState s : kernel.services()) {
                if (state.owned().contains(s.key()) && !inConfig.contains(s.key())) {
                    ops.add(new IpvsOp.DeleteService(s.key()));
                }
            }
        }
        return ops;
    }

    /** {@code tcp:10.0.0.1:80}, {@code udp:[2001:db8::1]:53}, {@code fwm:5}, {@code fwm6:5}: as the config prints keys. */
    static String label(ServiceKey k) {
        if (k.isFwmark()) {
            return (k.family() == Family.INET6 ? "fwm6:" : "fwm:") + k.fwmark();
        }
        return k.protocol().name().toLowerCase(java.util.Locale.ROOT) + ":"
                + Addresses.withPort(k.address(), k.port());
    }

    private static Map<ServiceKey, String> serviceLabels(Config config) {
        Map<ServiceKey, String> m = new HashMap<>();
        for (VirtualService v : config.virtuals()) {
            m.put(ConfigMapping.key(v.key()), v.key().toString());
        }
        return m;
    }
}
