package lvsd.director;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import lvsd.config.Config;
import lvsd.config.Fallback;
import lvsd.config.RealServer;
import lvsd.config.VirtualService;
import lvsd.inet.Addresses;
import lvsd.ipvs.Destination;
import lvsd.ipvs.DestinationState;
import lvsd.ipvs.IpvsTable;
import lvsd.ipvs.Service;
import lvsd.ipvs.ServiceKey;
import lvsd.ipvs.ServiceState;

/**
 * The IPVS table lvsd wants, computed from the configuration, health, the maintenance set and (for adoption of
 * reals whose first check is pending, and for the fallback while undecided) what the kernel has now. A pure
 * function: {@link #compute}.
 */
public record DesiredTable(List<DesiredService> services) {

    public DesiredTable {
        services = List.copyOf(services);
    }

    public static DesiredTable compute(Config config, HealthView health, MaintenanceSet maintenance,
            HostNames names, IpvsTable kernel, Map<ServiceKey, FallbackMachine.State> previousFallback) {
        boolean readd = config.globals().readdQuiescent();
        Map<ServiceKey, ServiceState> index = index(kernel);
        List<DesiredService> out = new ArrayList<>();
        for (VirtualService v : config.virtuals()) {
            Service service = ConfigMapping.service(v);
            ServiceKey key = service.key();
            Map<DestRef, Destination> inKernel = kernelDestinations(index.get(key), key);
            List<DesiredDest> dests = new ArrayList<>();
            Set<DestRef> seen = new HashSet<>();
            boolean anyUp = false;
            boolean undecided = false;
            for (RealServer r : v.reals()) {
                Destination d = ConfigMapping.destination(key, r, r.weight());
                DestRef ref = DestRef.of(key, d);
                if (!seen.add(ref)) {
                    continue; // the same real twice (e.g. "gate" reals differing only in port): the first wins
                }
                Destination k = inKernel.get(ref);
                OptionalInt kernelWeight = k == null ? OptionalInt.empty() : OptionalInt.of(k.weight());
                Optional<String> maint = maintenance.match(r.address(), r.port(), names.of(r.address()));
                Placement p = Placement.of(health.health(v, r), maint, r.weight(), v.quiescent(), readd,
                        kernelWeight);
                anyUp |= p.countsAsUp();
                undecided |= p.undecided();
                dests.add(new DesiredDest(d.withWeight(p.weight()), p, DesiredDest.Role.REAL));
            }
            FallbackMachine.Step step = FallbackMachine.next(
                    previousFallback.getOrDefault(key, FallbackMachine.State.UNKNOWN), anyUp, undecided);
            if (v.fallback().isPresent()) {
                DesiredDest fb = fallbackDest(key, v.fallback().get(), step, inKernel);
                if (!seen.contains(DestRef.of(key, fb.destination()))) {
                    dests.add(fb);
                }
            }
            Optional<Effect.FallbackCommand> command = step.action()
                    .filter(action -> !v.fallbackArgv().isEmpty())
                    .map(action -> new Effect.FallbackCommand(v.fallbackArgv(), action, vipPort(key),
                            protocolWord(key)));
            out.add(new DesiredService(service, dests, step, command, v.drainSeconds(), v.key().toString()));
        }
        return new DesiredTable(out);
    }

    private static DesiredDest fallbackDest(ServiceKey key, Fallback fb, FallbackMachine.Step step,
            Map<DestRef, Destination> inKernel) {
        int port = fb.port() == 0 ? key.port() : fb.port();
        Destination d = ConfigMapping.destination(key, fb.address(), port, fb.forwarding(), fb.weight(), 0, 0);
        Placement p;
        if (!step.decided()) {
            // Some real awaits its first check: leave the fallback as the kernel has it.
            Destination k = inKernel.get(DestRef.of(key, d));
            p = new Placement(Placement.Mode.LEAVE, d.weight(),
                    k == null ? RealStatus.REMOVED : RealStatus.fallback(k.weight()), "awaiting first checks");
        } else if (step.state() == FallbackMachine.State.ON) {
            p = new Placement(Placement.Mode.ENSURE, d.weight(), RealStatus.fallback(d.weight()), "no real is up");
        } else {
            p = new Placement(Placement.Mode.ABSENT, d.weight(), RealStatus.REMOVED, "a real is up");
        }
        return new DesiredDest(d, p, DesiredDest.Role.FALLBACK);
    }

    /** The kernel's services by key (IpvsTable.find is a linear scan; a cycle looks up every virtual). */
    static Map<ServiceKey, ServiceState> index(IpvsTable kernel) {
        Map<ServiceKey, ServiceState> m = new HashMap<>();
        for (ServiceState s : kernel.services()) {
            m.put(s.key(), s);
        }
        return m;
    }

    static Map<DestRef, Destination> kernelDestinations(ServiceState s, ServiceKey key) {
        Map<DestRef, Destination> m = new HashMap<>();
        if (s != null) {
            for (DestinationState ds : s.destinations()) {
                m.put(DestRef.of(key, ds.destination()), ds.destination());
            }
        }
        return m;
    }

    /** fallbackcommand's second argument: {@code VIP:PORT}, or the mark of a fwmark virtual. */
    static String vipPort(ServiceKey key) {
        if (key.isFwmark()) {
            return Long.toString(key.fwmark());
        }
        InetAddress a = key.address();
        return Addresses.withPort(a, key.port());
    }

    static String protocolWord(ServiceKey key) {
        return key.isFwmark() ? "fwm" : key.protocol().name().toLowerCase(java.util.Locale.ROOT);
    }
}
