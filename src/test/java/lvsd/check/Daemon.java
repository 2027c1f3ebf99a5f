package lvsd.check;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import lvsd.sys.Processes;

/**
 * A real server started from tests/check-servers/NAME.sh under setsid; {@link #close()} SIGKILLs its
 * whole process group and waits for the leader, so no server outlives its test class.
 */
final class Daemon implements AutoCloseable {
    /** The repository root: $REPO under tests/lib/run-suite, else the working directory (Maven). */
    static final Path REPO = Path.of(System.getenv().getOrDefault("REPO", ".")).toAbsolutePath().normalize();
    static final Path SCRIPTS = REPO.resolve("tests/check-servers");
    static final Path SCRATCH = REPO.resolve("target/real-servers");
    final String name;
    final Path dir;
    final Process process;

    private Daemon(String name, Path dir, Process process) {
        this.name = name;
        this.dir = dir;
        this.process = process;
    }

    static Daemon start(String name, Path dir, String... args) throws IOException {
        if (Files.exists(dir)) { // a fresh scratch directory each run: servers refuse to re-initialise
            try (var walk = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(dir);
        List<String> argv = new ArrayList<>(List.of("setsid", "bash", SCRIPTS.resolve(name + ".sh").toString(), dir.toString()));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".out").toFile()).start();
        return new Daemon(name, dir, p);
    }

    /** Polls until {@code ready} holds; fails with the server's output if it dies or takes too long. */
    Daemon await(Duration limit, BooleanSupplier ready) throws IOException, InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!ready.getAsBoolean()) {
            if (!process.isAlive() || System.nanoTime() > end) {
                String out = Files.exists(dir.resolve(name + ".out")) ? Files.readString(dir.resolve(name + ".out")) : "";
                throw new IllegalStateException(name + (process.isAlive() ? " not ready in " + limit : " exited "
                        + process.exitValue()) + ":\n" + out);
            }
            Thread.sleep(50);
        }
        return this;
    }

    Daemon awaitTcp(String addr, int port) throws IOException, InterruptedException {
        return await(Duration.ofSeconds(60), () -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(addr, port), 500);
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    @Override
    public void close() throws InterruptedException {
        Processes.killGroup((int) process.pid());
        process.waitFor();
    }

    /** A free TCP port on loopback right now (servers bind it a moment later; collisions are unlikely). */
    static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static Duration secs(long s) {
        return Duration.ofSeconds(s);
    }
}
