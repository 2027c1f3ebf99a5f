package lvsd.ipvs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real tools (ipvsadm, ip) for kernel tests. */
final class KernelHelper {
    private KernelHelper() {}

    static final Path REPO = locateRepo();

    private static Path locateRepo() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("tests/kernel/ipvs-rich.rules"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("cannot find the repository (tests/kernel/ipvs-rich.rules)");
        }
        return p;
    }

    static String richRules() throws IOException {
        return Files.readString(REPO.resolve("tests/kernel/ipvs-rich.rules"));
    }

    /** Runs a command, feeding {@code stdin}; returns stdout; throws with stderr if it fails. */
    static String run(String stdin, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + new String(err, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    static String sh(String... cmd) throws IOException, InterruptedException {
        return run(null, cmd);
    }

    /** The dummy interface whose subnets route the test destinations (IPVS refuses unroutable ones). */
    static void createDummy() throws IOException, InterruptedException {
        try {
            sh("ip", "link", "del", "lvsdk0");
        } catch (IllegalStateException absent) {
            // not there: fine
        }
        sh("ip", "link", "add", "lvsdk0", "type", "dummy");
        sh("ip", "link", "set", "lvsdk0", "up");
        for (String a : List.of("10.0.0.254/24", "2001:db8::fe/64", "2001:db8:aaaa:bbbb:cccc:dddd:eeee:fe/64",
                "10.99.0.254/16")) {
            sh("ip", "addr", "add", a, "dev", "lvsdk0");
        }
    }

    static void deleteDummy() throws IOException, InterruptedException {
        sh("ip", "link", "del", "lvsdk0");
    }
}
