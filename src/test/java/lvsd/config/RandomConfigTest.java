package lvsd.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import lvsd.inet.Forwarding;
import lvsd.inet.Protocol;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property-style tests with seeded generators: random valid configs, written with random layout choices, parse
 * back to what was generated; random junk never makes the parser throw, and every message points at a line of
 * the input.
 */
class RandomConfigTest {
    /** The methods ldirectord.cf can name (LOCAL is only ever read back from the kernel). */
    private static final List<Forwarding> CONFIGURABLE = List.of(Forwarding.ROUTE, Forwarding.MASQ, Forwarding.TUNNEL);

    static IntStream seeds() {
        return IntStream.range(0, 60);
    }

    record GenReal(String address, int port, Forwarding fwd, int weight, int lower, int upper, String request,
            String receive) {}

    record GenVirtual(String address, int port, Protocol protocol, String scheduler, Integer persistent,
            Boolean quiescent, Integer failurecount, String checktype, List<GenReal> reals) {}

    private static final String[] SCHEDULERS = {"rr", "wrr", "lc", "wlc", "sh", "dh", "mh", "sed", "nq"};
    private static final String[] CHECKTYPES = {"connect", "negotiate", "ping", "external", "on", "off", "4"};

    private static String indent(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> "\t";
            case 1 -> "    ";
            case 2 -> "  \t";
            default -> "        ";
        };
    }

    private static String eq(Random r) {
        return switch (r.nextInt(3)) {
            case 0 -> "=";
            case 1 -> " = ";
            default -> "= ";
        };
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void generatedConfigsParseBackToWhatWasGenerated(int seed) {
        Random r = new Random(seed);
        boolean globalQuiescent = r.nextBoolean();
        int globalFailure = 1 + r.nextInt(5);
        List<GenVirtual> virtuals = new ArrayList<>();
        int n = 1 + r.nextInt(6);
        for (int i = 0; i < n; i++) {
            List<GenReal> reals = new ArrayList<>();
            int port = 1 + r.nextInt(65535);
            for (int j = 0; j < r.nextInt(5); j++) {
                Forwarding fwd = CONFIGURABLE.get(r.nextInt(CONFIGURABLE.size()));
                int rport = fwd == Forwarding.MASQ ? 1 + r.nextInt(65535) : port;
                boolean pair = r.nextInt(3) == 0;
                int upper = r.nextBoolean() ? 0 : 1 + r.nextInt(1000);
                // the kernel refuses a lower threshold above the upper one, also when the upper is 0 (none)
                int lower = upper == 0 ? 0 : r.nextInt(upper + 1);
                reals.add(new GenReal("10." + i + "." + j + "." + (1 + r.nextInt(254)), rport, fwd,
                        r.nextInt(65536), lower, upper, pair ? "/p" + r.nextInt(9) : null,
                        pair ? "ok " + r.nextInt(9) : null));
            }
            virtuals.add(new GenVirtual("192.0.2." + (i + 1), port, r.nextBoolean() ? Protocol.TCP : Protocol.UDP,
                    SCHEDULERS[r.nextInt(SCHEDULERS.length)], r.nextBoolean() ? null : 1 + r.nextInt(3600),
                    r.nextBoolean() ? null : r.nextBoolean(), r.nextBoolean() ? null : 1 + r.nextInt(9),
                    CHECKTYPES[r.nextInt(CHECKTYPES.length)], reals));
        }

        StringBuilder sb = new StringBuilder("# generated, seed " + seed + "\n");
        boolean globalsFirst = r.nextBoolean();
        String globals = "quiescent" + eq(r) + (globalQuiescent ? "yes" : "no") + "\nfailurecount" + eq(r)
                + globalFailure + "\n";
        if (globalsFirst) {
            sb.append(globals);
        }
        for (GenVirtual v : virtuals) {
            sb.append("virtual").append(eq(r)).append(v.address()).append(':').append(v.port()).append('\n');
            List<String> lines = new ArrayList<>();
            lines.add("protocol" + eq(r) + v.protocol().word());
            lines.add("scheduler" + eq(r) + v.scheduler());
            lines.add("checktype" + eq(r) + v.checktype());
            if (v.persistent() != null) {
                lines.add("persistent" + eq(r) + v.persistent());
            }
            if (v.quiescent() != null) {
                lines.add("quiescent" + eq(r) + (v.quiescent() ? "yes" : "no"));
            }
            if (v.failurecount() != null) {
                lines.add("failurecount" + eq(r) + v.failurecount());
            }
            java.util.Collections.shuffle(lines, r);
            for (GenReal g : v.reals()) {
                StringBuilder l = new StringBuilder("real" + eq(r) + g.address());
                if (g.fwd() == Forwarding.MASQ || r.nextBoolean()) {
                    l.append(':').append(g.port());
                }
                l.append(' ').append(g.fwd().word());
                if (g.weight() != 1 || r.nextBoolean()) {
                    l.append(' ').append(g.weight());
                }
                if (g.request() != null) {
                    l.append(" \"").append(g.request()).append('"').append(r.nextBoolean() ? ", " : " ")
                            .append('"').append(g.receive()).append('"');
                }
                if (g.lower() > 0) {
                    l.append(" l:").append(g.lower());
                }
                if (g.upper() > 0) {
                    l.append(" u:").append(g.upper());
                }
                // reals keep their order (it is the model's order); settings go anywhere around them
                int after = lines.isEmpty() ? 0 : lines.size() - r.nextInt(Math.min(3, lines.size()));
                lines.add(Math.max(after, lastReal(lines) + 1), l.toString());
            }
            for (String l : lines) {
                if (r.nextInt(5) == 0) {
                    sb.append(r.nextBoolean() ? "#" : indent(r) + "# ").append("a comment\n");
                }
                sb.append(indent(r)).append(l).append(r.nextInt(4) == 0 ? "   # trailing\n" : "\n");
            }
            if (r.nextBoolean()) {
                sb.append('\n');
            }
        }
        if (!globalsFirst) {
            sb.append(globals);
        }

        ParseResult res = new ConfigParser(StaticResolver.corpus()).parseText("gen.cf", sb.toString());
        assertThat(res.errors()).as(sb.toString()).isEmpty();
        Config c = res.config();
        assertThat(c.virtuals()).hasSize(virtuals.size());
        for (int i = 0; i < virtuals.size(); i++) {
            GenVirtual g = virtuals.get(i);
            VirtualService v = c.virtuals().get(i);
            assertThat(v.key().toString()).isEqualTo(g.protocol().word() + ":" + g.address() + ":" + g.port());
            assertThat(v.scheduler()).isEqualTo(g.scheduler());
            assertThat(v.persistent().isPresent() ? v.persistent().getAsInt() : null).isEqualTo(g.persistent());
            assertThat(v.quiescent()).isEqualTo(g.quiescent() != null ? g.quiescent() : globalQuiescent);
            assertThat(v.check().failureCount())
                    .isEqualTo(g.failurecount() != null ? g.failurecount() : globalFailure);
            assertThat(g.checktype().equals("4") ? "combined" : g.checktype()).isEqualTo(v.check().type().word());
            assertThat(v.reals()).hasSize(g.reals().size());
            for (int j = 0; j < g.reals().size(); j++) {
                GenReal gr = g.reals().get(j);
                RealServer rs = v.reals().get(j);
                assertThat(rs.address().getHostAddress()).isEqualTo(gr.address());
                assertThat(rs.port()).isEqualTo(gr.port());
                assertThat(rs.forwarding()).isEqualTo(gr.fwd());
                assertThat(rs.weight()).isEqualTo(gr.weight());
                assertThat(rs.lowerThreshold()).isEqualTo(gr.lower());
                assertThat(rs.upperThreshold()).isEqualTo(gr.upper());
                assertThat(rs.request().orElse(null)).isEqualTo(gr.request());
                assertThat(rs.receive().orElse(null)).isEqualTo(gr.receive());
            }
        }
    }

    private static int lastReal(List<String> lines) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith("real")) {
                return i;
            }
        }
        return -1;
    }

    private static final String[] PIECES = {
        "virtual", "virtual6", "real", "real6", "fallback", "checktype", "quiescent", "vrrp_instance", "request",
        "receive", "=", "=", "\"", "#", "\t", "    ", " ", ":", "::", "->", "[", "]", "192.0.2.1", "2001:db8::1",
        "80", "0", "99999", "gate", "masq", "ipip", "yes", "no", "l:", "u:", "5", ",", "x", "\u00e9", "$", "\\",
    };

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void junkNeverThrowsAndEveryMessagePointsIntoTheFile(int seed) {
        Random r = new Random(1000 + seed);
        StringBuilder sb = new StringBuilder();
        int lines = 1 + r.nextInt(40);
        for (int i = 0; i < lines; i++) {
            int parts = r.nextInt(8);
            for (int p = 0; p < parts; p++) {
                sb.append(PIECES[r.nextInt(PIECES.length)]);
            }
            sb.append('\n');
        }
        ParseResult res = new ConfigParser(StaticResolver.corpus()).parseText("junk.cf", sb.toString());
        assertThat(res.ok()).isEqualTo(res.errors().isEmpty());
        assertThat(res.diagnostics()).allSatisfy(d -> {
            assertThat(d.pos().file()).isEqualTo("junk.cf");
            assertThat(d.pos().line()).isBetween(1, lines);
            assertThat(d.message()).isNotBlank();
        });
        if (res.ok()) {
            assertThat(ConfigJson.dump(res.config())).startsWith("{");
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void mutatedCorpusFilesNeverThrow(int seed) throws Exception {
        Random r = new Random(5000 + seed);
        List<String> names = CorpusTest.good().toList();
        String name = names.get(r.nextInt(names.size()));
        StringBuilder sb = new StringBuilder(java.nio.file.Files.readString(CorpusTest.dir("good").resolve(name + ".cf")));
        String alphabet = "=\"#\t :[]->0123456789abcxyz.,\\\n";
        for (int m = 0, muts = 1 + r.nextInt(5); m < muts; m++) {
            int pos = r.nextInt(sb.length());
            char c = alphabet.charAt(r.nextInt(alphabet.length()));
            switch (r.nextInt(3)) {
                case 0 -> sb.deleteCharAt(pos);
                case 1 -> sb.insert(pos, c);
                default -> sb.setCharAt(pos, c);
            }
        }
        ParseResult res = new ConfigParser(StaticResolver.corpus()).parseText(name + ".cf", sb.toString());
        assertThat(res.ok()).isEqualTo(res.errors().isEmpty());
        long lines = sb.toString().lines().count();
        assertThat(res.diagnostics()).allSatisfy(d -> assertThat(d.pos().line()).isBetween(1, (int) lines));
    }
}
