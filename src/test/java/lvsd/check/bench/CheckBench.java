package lvsd.check.bench;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import lvsd.check.CheckConfig;
import lvsd.check.CheckEngine;
import lvsd.check.CheckListener;
import lvsd.check.CheckResult;
import lvsd.check.CheckSpec;
import lvsd.check.Health;
import lvsd.check.Target;
import lvsd.check.Transition;
import lvsd.check.probe.Probes;
import lvsd.clock.Ticker;
import lvsd.sys.GroupLauncher;

/**
 * lvsd's side of the health-check benchmark: registers ADDRS x PORTS checks (connect or http) against
 * {@link BenchListeners}, every INTERVAL_MS, runs WARMUP_S then measures for SECONDS, and prints checks
 * per second, the share that were up, and this JVM's CPU time per 1,000 checks.
 *
 * <pre>java -cp lvsd.jar lvsd.check.bench.CheckBench tcp|http ADDRS PORTS BASE INTERVAL_MS WARMUP_S SECONDS [HTTP_THREADS]</pre>
 */
public final class CheckBench {
    private CheckBench() {
    }

    public static void main(String[] args) throws Exception {
        boolean http = args[0].equals("http");
        int addrs = Integer.parseInt(args[1]);
        int ports = Integer.parseInt(args[2]);
        int base = Integer.parseInt(args[3]);
        Duration interval = Duration.ofMillis(Long.parseLong(args[4]));
        int warmup = Integer.parseInt(args[5]);
        int seconds = Integer.parseInt(args[6]);
        int httpThreads = args.length > 7 ? Integer.parseInt(args[7]) : 1;
        AtomicLong up = new AtomicLong();
        AtomicLong down = new AtomicLong();
        AtomicLong timedOut = new AtomicLong();
        CheckListener listener = new CheckListener() {
            @Override
            public void onTransition(Transition t) {
            }

            @Override
            public void onResult(CheckSpec spec, CheckResult r, Duration took) {
                if (r instanceof CheckResult.Up) {
                    up.incrementAndGet();
                } else if (r instanceof CheckResult.TimedOut) {
                    timedOut.incrementAndGet();
                } else {
                    down.incrementAndGet();
                }
            }
        };
        Map<String, CheckConfig> set = new HashMap<>();
        Duration timeout = Duration.ofSeconds(3);
        for (int a = 1; a <= addrs; a++) {
            InetAddress ip = InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) a});
            for (int p = 0; p < ports; p++) {
                Target t = new Target(ip, base + p);
                CheckSpec s = http ? new CheckSpec.Http(t, false, false, "GET", "/", "", "ok", timeout)
                        : new CheckSpec.Connect(t, timeout);
                set.put(t.toString(), new CheckConfig(s, interval, 1, 1));
            }
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (GroupLauncher launcher = new GroupLauncher();
                Probes probes = new Probes(Ticker.SYSTEM, httpThreads, 512, launcher);
                CheckEngine engine = new CheckEngine(listener, Ticker.SYSTEM, probes)) {
            engine.update(set);
            Thread.sleep(warmup * 1000L);
            long c0 = engine.stats().completed();
            long u0 = up.get();
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            long c1 = engine.stats().completed();
            long cpu1 = os.getProcessCpuTime();
            double wall = (System.nanoTime() - t0) / 1e9;
            long checks = c1 - c0;
            long upShare = up.get() - u0;
            long healthy = engine.snapshot().values().stream().filter(h -> h == Health.UP).count();
            System.out.printf("lvsd %s checks=%d servers=%d interval_ms=%d seconds=%.1f%n", args[0], set.size(),
                    addrs * ports, interval.toMillis(), wall);
            System.out.printf("lvsd %s checks_per_s=%.0f up_pct=%.2f timed_out=%d down=%d healthy_now=%d%n", args[0],
                    checks / wall, 100.0 * upShare / Math.max(1, checks), timedOut.get(), down.get(), healthy);
            System.out.printf("lvsd %s cpu_s=%.2f cpu_ms_per_1000_checks=%.1f cpu_cores=%.2f%n", args[0],
                    (cpu1 - cpu0) / 1e9, (cpu1 - cpu0) / 1e6 / Math.max(1, checks / 1000.0), (cpu1 - cpu0) / 1e9 / wall);
        }
        System.exit(0);
    }
}
