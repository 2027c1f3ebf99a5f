package lvsd.director;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import lvsd.config.Config;
import lvsd.inet.Forwarding;
import lvsd.ipvs.DestinationState;
import lvsd.ipvs.IpvsOp;
import lvsd.ipvs.IpvsTable;
import lvsd.ipvs.Service;
import lvsd.ipvs.ServiceKey;
import lvsd.ipvs.ServiceState;
import lvsd.ipvsadm.IpvsadmSyntax;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property-style: for random configurations, health and kernel tables (seeded, so a failure names its seed),
 * one cycle's operations are valid against the strict table model, the next cycle with the same inputs is empty
 * (the plan converges in one step), and services lvsd does not own come out byte-identical.
 */
class ConvergenceTest {

    static Stream<Long> seeds() {
        return IntStream.range(0, 300).mapToObj(i -> 0x5EED0000L + i);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void oneCycleConvergesAndLeavesForeignServicesAlone(long seed) {
        Random rnd = new Random(seed);
        List<Fixtures.V> vs = new ArrayList<>();
        int nv = 1 + rnd.nextInt(3);
        for (int i = 0; i < nv; i++) {
            Fixtures.V v = Fixtures.tcp("10.0.0." + (1 + i) + ":80")
                    .sched(pick(rnd, "wrr", "wlc", "rr"))
                    .quiescent(rnd.nextBoolean())
                    .drain(rnd.nextInt(3) == 0 ? 30 : 0);
            if (rnd.nextBoolean()) {
                v.persistent(300);
            }
            if (rnd.nextBoolean()) {
                v.fallback("127.0.0.1:80", Forwarding.ROUTE);
            }
            int nr = rnd.nextInt(5);
            for (int r = 0; r < nr; r++) {
                Forwarding f = pick(rnd, Forwarding.ROUTE, Forwarding.MASQ, Forwarding.TUNNEL);
                v.real("10.1." + i + "." + (10 + r) + ":" + (f == Forwarding.MASQ ? 8080 : 80), f, rnd.nextInt(4),
                        0, rnd.nextInt(3) == 0 ? 100 : 0);
            }
            vs.add(v);
        }
        Config cfg = Fixtures.config(rnd.nextBoolean(), true, vs.toArray(new Fixtures.V[0]));

        Map<String, RealHealth> health = new HashMap<>();
        for (var v : cfg.virtuals()) {
            for (var r : v.reals()) {
                health.put(r.endpoint(), pick(rnd, RealHealth.PENDING, RealHealth.Up.of("ok"),
                        new RealHealth.Down("refused")));
            }
        }
        Set<String> maint = new HashSet<>();
        if (rnd.nextInt(4) == 0 && !health.isEmpty()) {
            maint.add(Fixtures.HostPort.parse(new ArrayList<>(health.keySet()).get(0)).host());
        }

        IpvsTable kernel = randomKernel(rnd, cfg);
        HealthView view = (v, r) -> health.get(r.endpoint());
        MaintenanceSet ms = new MaintenanceSet(maint);
        Director director = new Director();
        long now = 0;

        CycleResult first = director.cycle(DirectorState.INITIAL, cfg, view, ms, kernel, now);
        IpvsTable after = TableModel.apply(kernel, first.ops());
        CycleResult second = director.cycle(first.state(), cfg, view, ms, after, now + 1_000_000_000L);
        assertThat(second.ops().stream().map(IpvsadmSyntax::op).toList()).as("second cycle").isEmpty();

        Set<ServiceKey> own = new HashSet<>();
        cfg.virtuals().forEach(v -> own.add(ConfigMapping.key(v.key())));
        for (ServiceState s : kernel.services()) {
            if (!own.contains(s.key())) {
                assertThat(after.find(s.key())).contains(s);
            }
        }
        for (IpvsOp op : first.ops()) {
            assertThat(own).contains(op.serviceKey());
            assertThat(op).isNotInstanceOf(IpvsOp.DeleteService.class);
        }
    }

    /** Some of the configured entries (perturbed), some unknown destinations, and a foreign service. */
    private static IpvsTable randomKernel(Random rnd, Config cfg) {
        List<ServiceState> services = new ArrayList<>();
        for (var v : cfg.virtuals()) {
            if (rnd.nextInt(4) == 0) {
                continue;
            }
            Service s = ConfigMapping.service(v);
            if (rnd.nextInt(3) == 0) {
                s = s.withScheduler("sh");
            }
            List<DestinationState> ds = new ArrayList<>();
            for (var r : v.reals()) {
                if (rnd.nextInt(3) == 0) {
                    continue;
                }
                var d = ConfigMapping.destination(s.key(), r, rnd.nextBoolean() ? r.weight() : rnd.nextInt(5));
                ds.add(new DestinationState(d, rnd.nextInt(3), rnd.nextInt(3), 0, lvsd.ipvs.Stats.ZERO));
            }
            if (rnd.nextBoolean()) {
                ds.add(Fixtures.kdest("10.2.0." + rnd.nextInt(250) + ":80", Forwarding.ROUTE,
                        rnd.nextInt(3), rnd.nextInt(2), rnd.nextInt(2)));
            }
            if (rnd.nextBoolean() && v.fallback().isPresent()) {
                ds.add(Fixtures.kdest("127.0.0.1:80", Forwarding.ROUTE, 1));
            }
            services.add(Fixtures.ksvc(s, ds.toArray(new DestinationState[0])));
        }
        services.add(Fixtures.ksvc(Fixtures.kservice("10.9.9.9:80", "rr"),
                Fixtures.kdest("10.0.0.77:80", Forwarding.MASQ, 2)));
        return new IpvsTable(Fixtures.table().info(), services);
    }

    @SafeVarargs
    private static <T> T pick(Random rnd, T... options) {
        return options[rnd.nextInt(options.length)];
    }
}
