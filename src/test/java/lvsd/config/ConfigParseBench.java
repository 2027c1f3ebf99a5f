package lvsd.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Benchmark, not a test (run by tests/bench/config-parse.sh): writes an ldirectord.cf with VIRTUALS virtual
 * services of REALS reals each (numeric addresses, so no name lookups), then parses it RUNS times in one JVM and
 * prints the median and minimum wall and thread-CPU time of a parse after warm-up (CPU time is the
 * steadier figure on a shared machine).
 * Usage: ConfigParseBench VIRTUALS REALS RUNS OUTFILE
 */
final class ConfigParseBench {
    public static void main(String[] args) throws Exception {
        int virtuals = Integer.parseInt(args[0]);
        int reals = Integer.parseInt(args[1]);
        int runs = Integer.parseInt(args[2]);
        Path file = Path.of(args[3]);
        Files.writeString(file, generate(virtuals, reals), StandardCharsets.UTF_8);
        ConfigParser parser = new ConfigParser(NameResolver.system());
        for (int i = 0; i < Math.max(3, runs / 2); i++) {
            parser.parseFile(file).orThrow(); // warm-up
        }
        long[] ns = new long[runs];
        long[] cpu = new long[runs];
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < runs; i++) {
            long c0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            Config c = parser.parseFile(file).orThrow();
            ns[i] = System.nanoTime() - t0;
            cpu[i] = mx.getCurrentThreadCpuTime() - c0;
            if (c.virtuals().size() != virtuals) {
                throw new AssertionError("parsed " + c.virtuals().size() + " virtuals");
            }
        }
        Arrays.sort(ns);
        Arrays.sort(cpu);
        System.out.printf("%d virtuals x %d reals (%d lines, %d bytes): wall median %.2f ms (min %.2f),"
                + " thread CPU median %.2f ms (min %.2f), %d runs%n", virtuals, reals, virtuals * (reals + 5),
                Files.size(file), ns[runs / 2] / 1e6, ns[0] / 1e6, cpu[runs / 2] / 1e6, cpu[0] / 1e6, runs);
    }

    static String generate(int virtuals, int reals) {
        StringBuilder sb = new StringBuilder("checktimeout=5\nnegotiatetimeout=10\nquiescent=yes\n");
        for (int v = 0; v < virtuals; v++) {
            sb.append("virtual=10.").append(v / 250).append('.').append(v % 250).append(".1:80\n");
            for (int r = 0; r < reals; r++) {
                sb.append("\treal=172.16.").append(r / 250).append('.').append(r % 250 + 1)
                        .append(":8080 masq ").append(1 + r % 10).append(" l:0 u:1000\n");
            }
            sb.append("\tservice=http\n\trequest=\"/health\"\n\treceive=\"OK\"\n\tscheduler=wlc\n");
        }
        return sb.toString();
    }
}
