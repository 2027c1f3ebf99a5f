package lvsd.director;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import lvsd.config.Config;
import lvsd.inet.Forwarding;
import lvsd.ipvs.IpvsTable;

/**
 * Benchmark (not a test): the cost of one director cycle on a large table, pure computation only (no netlink).
 * Run by tests/bench/director-cycle.sh; figures in docs/benchmarks.md.
 *
 * <p>Usage: {@code java -cp ... lvsd.director.CycleBench [VIRTUALS] [REALS] [ROUNDS]}
 */
public final class CycleBench {

    public static void main(String[] args) {
        int virtuals = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int reals = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 21;
        Config steady = build(virtuals, reals, -1);
        Config oneWeight = build(virtuals, reals, virtuals / 2);
        HealthView up = (v, r) -> RealHealth.Up.of("ok");
        Director d = new Director();
        long now = 0;

        CycleResult cold = d.cycle(DirectorState.INITIAL, steady, up, MaintenanceSet.EMPTY, Fixtures.table(), now);
        IpvsTable kernel = TableModel.apply(Fixtures.table(), cold.ops());
        DirectorState state = d.cycle(cold.state(), steady, up, MaintenanceSet.EMPTY, kernel, now).state();

        System.out.printf("table: %d virtuals x %d reals = %d destinations; %d rounds, median (min)%n",
                virtuals, reals, virtuals * reals, rounds);
        report("cold start (empty kernel -> full table)", rounds, () ->
                d.cycle(DirectorState.INITIAL, steady, up, MaintenanceSet.EMPTY, Fixtures.table(), now).ops().size());
        report("steady state (kernel matches, 0 ops)", rounds, () ->
                d.cycle(state, steady, up, MaintenanceSet.EMPTY, kernel, now).ops().size());
        report("one weight changed in the file (1 op)", rounds, () ->
                d.cycle(state, oneWeight, up, MaintenanceSet.EMPTY, kernel, now).ops().size());
    }

    private interface Job {
        int run();
    }

    private static void report(String what, int rounds, Job job) {
        for (int i = 0; i < 5; i++) {
            job.run(); // warm-up
        }
        long[] ns = new long[rounds];
        int ops = 0;
        for (int i = 0; i < rounds; i++) {
            long t = System.nanoTime();
            ops = job.run();
            ns[i] = System.nanoTime() - t;
        }
        Arrays.sort(ns);
        System.out.printf("%-45s %8.2f ms (%.2f ms)  ops=%d%n", what, ns[rounds / 2] / 1e6, ns[0] / 1e6, ops);
    }

    static Config build(int virtuals, int reals, int bump) {
        List<Fixtures.V> vs = new ArrayList<>();
        for (int i = 0; i < virtuals; i++) {
            Fixtures.V v = Fixtures.tcp("10." + (100 + i / 250) + "." + (i % 250) + ".1:80").sched("wlc");
            for (int r = 0; r < reals; r++) {
                v.real("172.16." + (i % 250) + "." + (10 + r + 20 * (i / 250)) + ":80", Forwarding.ROUTE,
                        i == bump && r == 0 ? 2 : 1);
            }
            vs.add(v);
        }
        return Fixtures.config(vs.toArray(new Fixtures.V[0]));
    }
}
