package lvsd.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;

/**
 * Runs the plain forms of the IPVS commands without picocli, whose start-up (annotation scanning,
 * reflection) costs about as much as the rest of {@code lvsd status} together. Only exact, simple
 * argument lists are taken: {@code status [--stats|--rate] [--json]}, {@code ipvs save},
 * {@code ipvs restore [--flush] [--timing]}. Anything else (help, typos, other commands) returns null
 * and goes through picocli as usual, which gives the same results for these forms.
 */
final class FastPath {
    private FastPath() {}

    /** The exit status, or null if these arguments are not a plain IPVS command. */
    static Integer run(String[] args) {
        if (args.length == 0) {
            return null;
        }
        if (args[0].equals("status")) {
            boolean stats = false;
            boolean rate = false;
            boolean json = false;
            for (int i = 1; i < args.length; i++) {
                switch (args[i]) {
                    case "--stats" -> stats = true;
                    case "--rate" -> rate = true;
                    case "--json" -> json = true;
                    default -> {
                        return null;
                    }
                }
            }
            return IpvsViews.status(stdout(), stderr(), stats, rate, json);
        }
        if (args[0].equals("ipvs") && args.length >= 2) {
            if (args[1].equals("save") && args.length == 2) {
                return IpvsViews.save(stdout(), stderr());
            }
            if (args[1].equals("restore")) {
                boolean flush = false;
                boolean timing = false;
                for (int i = 2; i < args.length; i++) {
                    switch (args[i]) {
                        case "--flush" -> flush = true;
                        case "--timing" -> timing = true;
                        default -> {
                            return null;
                        }
                    }
                }
                return IpvsViews.restore(System.in, stderr(), flush, timing);
            }
        }
        return null;
    }

    private static PrintWriter stdout() {
        return new PrintWriter(new OutputStreamWriter(System.out, Charset.defaultCharset()), false);
    }

    private static PrintWriter stderr() {
        return new PrintWriter(new OutputStreamWriter(System.err, Charset.defaultCharset()), true);
    }
}
