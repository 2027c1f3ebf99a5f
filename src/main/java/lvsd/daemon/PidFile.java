package lvsd.daemon;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import lvsd.sys.LibC;

/**
 * The daemon's pid file, as ldirectord keeps one per config file, so {@code lvsd reload -f FILE} finds the
 * daemon. The default is {@code /run/lvsd.<config basename>.pid}: not ldirectord's own name, because
 * ldirectord's liveness test looks for "ldirectord" in the process's command line, which lvsd's command line
 * contains whenever the config is called ldirectord.cf, and the two must be able to run side by side while
 * an operator migrates.
 *
 * <p>One daemon per pid file: the daemon holds an exclusive {@code flock(2)} on the file for its whole life
 * ({@link #take}). The kernel drops the lock when the process dies, however it dies, so a {@code kill -9}
 * leaves at most a file nobody holds. Readers never touch the lock (a reader's probe could make a starting
 * daemon's {@code LOCK_NB} fail); they look the holder up in {@code /proc/locks}.
 *
 * <p>A pid file is stale when nobody holds its lock, or, where {@code /proc/locks} cannot tell, when its
 * process is gone or is not an lvsd process (a pid recycled after a crash): a stale file is replaced at start
 * and ignored by {@code lvsd reload}.
 */
public final class PidFile {

    /** Why the pid file cannot be taken. */
    public static final class PidFileException extends Exception {
        public PidFileException(String message) {
            super(message);
        }
    }

    /** The lock a daemon holds for its life; {@link #close} removes the file and drops the lock. */
    public final class Held implements AutoCloseable {
        private final int fd;
        private final long pid;
        private final Object inode;
        private boolean closed;

        private Held(int fd, long pid, Object inode) {
            this.fd = fd;
            this.pid = pid;
            this.inode = inode;
        }

        public long pid() {
            return pid;
        }

        /** Removes the file if it is still this lock's file and names this pid, then drops the lock. */
        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                // unlink while still locked: a process that opened the old file now finds it is not the path's
                if (inode.equals(inodeOf(path)) && read().filter(p -> p == pid).isPresent()) {
                    Files.deleteIfExists(path);
                }
            } catch (IOException e) {
                // the file is left behind, unlocked: the next start sees it as stale
            } finally {
                LibC.closeQuietly(fd);
            }
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

    /** The pid of a running lvsd for this file; empty when there is no file or it is stale. */
    public OptionalLong runningPid() {
        Optional<Long> pid = read();
        Lock lock = lock(pid);
        if (lock instanceof Lock.Held h) {
            // the file names the daemon; the lock's pid is the process that took it, which can be a helper
            // (flock(1) locking a shell's descriptor) or, for a moment at start, the only name there is
            return pid.isPresent() ? OptionalLong.of(pid.get()) : OptionalLong.of(h.pid());
        }
        if (lock instanceof Lock.Free || pid.isEmpty()) {
            return OptionalLong.empty();
        }
        return isLvsd(pid.get()) ? OptionalLong.of(pid.get()) : OptionalLong.empty(); // lock unknown
    }

    /** True when the file names a pid that is no lvsd any more: a daemon died without removing it (LSB status 1). */
    public boolean staleFileLeft() {
        return read().isPresent() && runningPid().isEmpty();
    }

    /**
     * Locks the file for this process and writes {@code pid} into it, replacing a stale file; fails when another
     * process holds the lock, naming its pid.
     */
    public Held take(long pid) throws PidFileException {
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new PidFileException("cannot create the directory of the pid file " + path + ": " + e.getMessage());
        }
        String name = path.toAbsolutePath().toString();
        for (int attempt = 0; attempt < 10; attempt++) {
            int fd;
            try {
                fd = LibC.open(name, LibC.O_RDWR | LibC.O_CREAT | LibC.O_CLOEXEC | LibC.O_NOFOLLOW, 0644);
            } catch (LastErrorException e) {
                throw new PidFileException("cannot open the pid file " + path + ": errno " + e.getErrorCode());
            }
            boolean keep = false;
            try {
                try {
                    LibC.flock(fd, LibC.LOCK_EX | LibC.LOCK_NB);
                } catch (LastErrorException e) {
                    if (e.getErrorCode() == LibC.EAGAIN) {
                        throw new PidFileException("lvsd is already running with pid " + holderFor(fd)
                                + " (it holds the lock on the pid file " + path + ")");
                    }
                    throw new PidFileException("cannot lock the pid file " + path + ": errno " + e.getErrorCode());
                }
                Object mine = inodeOf(Path.of("/proc/self/fd/" + fd));
                if (mine == null || !mine.equals(inodeOf(path))) {
                    continue; // removed or replaced by the daemon that held it just now: lock the path's file
                }
                byte[] text = (pid + "\n").getBytes(StandardCharsets.US_ASCII);
                try {
                    LibC.ftruncate(fd, 0);
                    if (LibC.write(fd, text, text.length) != text.length) {
                        throw new PidFileException("cannot write the pid file " + path + ": short write");
                    }
                    LibC.fsync(fd);
                } catch (LastErrorException e) {
                    throw new PidFileException("cannot write the pid file " + path + ": errno " + e.getErrorCode());
                }
                keep = true;
                return new Held(fd, pid, mine);
            } finally {
                if (!keep) {
                    LibC.closeQuietly(fd);
                }
            }
        }
        throw new PidFileException("cannot lock the pid file " + path + ": it keeps being replaced");
    }

    /** The pid written by the holder of the lock {@code fd} could not take: it writes it just after locking. */
    private String holderFor(int fd) {
        for (int i = 0; i < 40; i++) {
            Optional<Long> pid = read();
            if (pid.isPresent()) {
                return Long.toString(pid.get());
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return "(unknown: the pid file is empty)";
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

    /** What {@code /proc/locks} says about the file's lock. */
    sealed interface Lock {
        /** Held by {@code pid} (0 when the kernel shows no pid). */
        record Held(long pid) implements Lock {}

        /** Nobody holds it. */
        record Free() implements Lock {}

        /** No file, or {@code /proc/locks} cannot be read. */
        record Unknown() implements Lock {}
    }

    /**
     * The flock on the file, from {@code /proc/locks}: lines such as {@code 1: FLOCK  ADVISORY  WRITE 1234
     * 00:1a:5678 0 EOF} (pid, device major:minor in hex, inode). A line of another file system can carry the same
     * inode number, so the device must match too; where the two device numbers disagree for the same file (btrfs
     * subvolumes), a line whose pid is the file's pid is taken.
     */
    Lock lock(Optional<Long> filePid) {
        List<String> lines;
        long ino;
        long dev;
        try {
            ino = ((Number) Files.getAttribute(path, "unix:ino")).longValue();
            dev = ((Number) Files.getAttribute(path, "unix:dev")).longValue();
            lines = Files.readAllLines(procRoot.resolve("locks"), StandardCharsets.US_ASCII);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return new Lock.Unknown();
        }
        return parseLocks(lines, ino, major(dev), minor(dev), filePid);
    }

    static Lock parseLocks(List<String> lines, long ino, long major, long minor, Optional<Long> filePid) {
        Lock byPid = new Lock.Free();
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            // "N:" FLOCK ADVISORY WRITE PID MAJ:MIN:INO START END; a waiter's line has "->" after "N:"
            if (f.length < 6 || !(f[1].equals("FLOCK") || f[1].equals("POSIX")) || !f[3].equals("WRITE")) {
                continue;
            }
            String[] id = f[5].split(":");
            if (id.length != 3) {
                continue;
            }
            try {
                long pid = Long.parseLong(f[4]);
                if (Long.parseLong(id[2]) != ino) {
                    continue;
                }
                // 9p (the test VM's root) implements flock(2) with a POSIX lock and lists it so: a POSIX lock
                // counts only when it is the file's own pid's (anyone may take a POSIX lock on a file)
                if (f[1].equals("POSIX") && !(filePid.isPresent() && filePid.get() == pid)) {
                    continue;
                }
                if (Long.parseLong(id[0], 16) == major && Long.parseLong(id[1], 16) == minor) {
                    return new Lock.Held(pid);
                }
                if (filePid.isPresent() && filePid.get() == pid) {
                    byPid = new Lock.Held(pid);
                }
            } catch (NumberFormatException e) {
                // not a line of the format above
            }
        }
        return byPid;
    }

    /** glibc's {@code major()} of a {@code dev_t}. */
    static long major(long dev) {
        return ((dev & 0xfff00L) >>> 8) | ((dev & 0xfffff00000000000L) >>> 32);
    }

    /** glibc's {@code minor()} of a {@code dev_t}. */
    static long minor(long dev) {
        return (dev & 0xff) | ((dev & 0x00000ffffff00000L) >>> 12);
    }

    /** The file's identity (device and inode), following symlinks; null when it does not exist. */
    private static Object inodeOf(Path p) {
        try {
            return List.of(Files.getAttribute(p, "unix:dev"), Files.getAttribute(p, "unix:ino"));
        } catch (IOException | UnsupportedOperationException e) {
            return null;
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
