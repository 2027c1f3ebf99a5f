package lvsd.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.IntSupplier;

/**
 * Runs a command the way a user does ({@code Main.execute} and friends print to System.out/err) and hands back
 * what it printed. The streams are process-wide, so each call puts the old ones back before returning.
 */
public final class StdStreams {
    private StdStreams() {}

    public record Result(int status, String out, String err) {}

    /** Runs {@code body} with stdout and stderr captured; {@code stdin}, unless null, is fed as System.in. */
    public static Result run(String stdin, IntSupplier body) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        InputStream oldIn = System.in;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            if (stdin != null) {
                System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            }
            int status = body.getAsInt();
            return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            System.setIn(oldIn);
        }
    }

    /** What {@code r} printed to stdout. */
    public static String stdoutOf(Runnable r) {
        return run(null, () -> {
            r.run();
            return 0;
        }).out();
    }

    /** What {@code r} printed to stderr. */
    public static String stderrOf(Runnable r) {
        return run(null, () -> {
            r.run();
            return 0;
        }).err();
    }
}
