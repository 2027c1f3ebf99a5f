package lvsd.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import lvsd.sys.AtomicFile;

/**
 * The daemon's pid file, as ldirectord keeps one per config file, so {@code lvsd reload -f FILE} finds the
 * daemon. The default is {@code /run/lvsd.<config basename>.pid}: not ldirectord's own name, because
 * ldirectord's liveness test looks for "ldirectord" in the process's command line, which lvsd's command line
 * contains whenever the config is called ldirectord.cf, and the two must be able to run side by side while
 * an operator migrates.
 *
 * <p>A pid file is stale when its process is gone or is not an lvsd process (a pid recycled after a crash):
 * a stale file is replaced at start and ignored by {@code lvsd reload}.
 */
public final class PidFile {

    /** Why the pid file cannot be taken. */
    public static final class PidFileException extends Exception {
        public PidFileException(String message) {
            super(message);
        }
    }

    private final Path path;
    private final Path procRoot;

    public PidFile(Path path) {
        this(path, Path.of("/proc"));
    }

    PidFile(Path path, Path procRoot) {
        this.path = path;
        this.procRoot = procRoot;
    }

    /** {@code /run/lvsd.<basename>.pid} for a config file. */
    public static Path defaultFor(Path config) {
        return Path.of("/run", "lvsd." + config.getFileName() + ".pid");
    }

    public Path path() {
        return path;
    }

    /** The pid of a running lvsd recorded in the file; empty when there is no file or it is stale. */
    public OptionalLong runningPid() {
        Optional<Long> pid = read();
        if (pid.isEmpty()) {
            return OptionalLong.empty();
        }
        return isLvsd(pid.get()) ? OptionalLong.of(pid.get()) : OptionalLong.empty();
    }

    /** True when the file names a pid that is no lvsd any more: a daemon died without removing it (LSB status 1). */
    public boolean staleFileLeft() {
        return read().isPresent() && runningPid().isEmpty();
    }

    /** Writes {@code pid} unless another live lvsd holds the file; replaces a stale file. */
    public void take(long pid) throws PidFileException {
        OptionalLong other = runningPid();
        if (other.isPresent() && other.getAsLong() != pid) {
            throw new PidFileException("lvsd is already running with pid " + other.getAsLong() + " (pid file "
                    + path + ")");
        }
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            AtomicFile.write(path, pid + "\n", AtomicFile.Durability.SYNCED);
        } catch (IOException e) {
            throw new PidFileException("cannot write the pid file " + path + ": " + e.getMessage());
        }
    }

    /** Removes the file if it still names {@code pid} (a successor may have taken it over). */
    public void release(long pid) {
        if (read().filter(p -> p == pid).isPresent()) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                // the file is left behind and will be seen as stale at the next start
            }
        }
    }

    Optional<Long> read() {
        try {
            String s = Files.readString(path, StandardCharsets.US_ASCII).strip();
            long pid = Long.parseLong(s);
            return pid > 0 ? Optional.of(pid) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty(); // unreadable or garbage: as good as stale
        }
    }

    /** True when {@code pid} is alive and its command line is lvsd's (the jar or the main class). */
    boolean isLvsd(long pid) {
        try {
            byte[] raw = Files.readAllBytes(procRoot.resolve(Long.toString(pid)).resolve("cmdline"));
            String cmdline = new String(raw, StandardCharsets.UTF_8).replace('\0', ' ');
            return cmdline.contains("lvsd.jar") || cmdline.contains("lvsd.cli.Main");
        } catch (IOException e) {
            return false;
        }
    }
}
