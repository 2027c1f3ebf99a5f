package lvsd.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lvsd.status.StatusCodec;
import lvsd.status.StatusSnapshot;

/**
 * The status file a running {@code lvsd run} keeps current (docs/status-json.md), read back into the daemon's
 * {@link StatusSnapshot}. A file whose pid is no longer alive is stale (a killed daemon leaves it behind) and
 * ignored.
 */
record DaemonStatusFile(Path path, StatusSnapshot snapshot) {

    static final Path RUN_DIR = Path.of("/run");

    /**
     * Every live daemon's status file under RUN: {@code RUN/lvsd.*.json} (lvsd run's default), then the systemd
     * units' {@code RUN/lvsd/lvsd.json} (lvsd.service) and {@code RUN/lvsd@INSTANCE/lvsd.json} (lvsd@.service; a
     * directory of its own, as stopping lvsd.service removes /run/lvsd), which live in their RuntimeDirectory=
     * because ProtectSystem=strict leaves /run read-only.
     */
    static List<DaemonStatusFile> allUnder(Path run) throws IOException {
        List<Path> candidates = new ArrayList<>();
        collect(run, "lvsd.*.json", candidates);
        candidates.add(run.resolve("lvsd/lvsd.json"));
        List<Path> instances = new ArrayList<>();
        collect(run, "lvsd@*", instances);
        instances.forEach(i -> candidates.add(i.resolve("lvsd.json")));
        List<DaemonStatusFile> live = new ArrayList<>();
        for (Path p : candidates) {
            if (!Files.isRegularFile(p)) {
                continue;
            }
            try {
                DaemonStatusFile f = read(p);
                if (f.alive()) {
                    live.add(f);
                }
            } catch (IOException | IllegalArgumentException e) {
                // being rewritten, or not ours: look at the next one
            }
        }
        return live;
    }

    /**
     * The pid file of the live daemon a systemd unit runs for {@code config}: {@code lvsd.pid} beside a live
     * {@code lvsd.json} (in {@code RUN/lvsd} or {@code RUN/lvsd@*}) whose daemon runs that very file. Empty when
     * none does; the status file's config path is what ties a unit's directory to a config.
     */
    /**
     * The pid file of the daemon that runs {@code config} when no pid file was named: the default one, or, when
     * that names no live daemon, the systemd unit's ({@link #unitPidFileFor}).
     */
    static lvsd.daemon.PidFile pidFileFor(Path config) {
        lvsd.daemon.PidFile usual = new lvsd.daemon.PidFile(lvsd.daemon.PidFile.defaultFor(config));
        if (usual.runningPid().isPresent()) {
            return usual;
        }
        try {
            return unitPidFileFor(RUN_DIR, config).map(lvsd.daemon.PidFile::new).orElse(usual);
        } catch (IOException e) {
            return usual; // /run unreadable: only the default pid file counts
        }
    }

    static Optional<Path> unitPidFileFor(Path run, Path config) throws IOException {
        String wanted = config.toAbsolutePath().normalize().toString();
        for (DaemonStatusFile f : allUnder(run)) {
            Path dir = f.path().getParent();
            boolean unitDir = dir.equals(run.resolve("lvsd")) || dir.getFileName().toString().startsWith("lvsd@");
            if (unitDir && f.path().getFileName().toString().equals("lvsd.json")
                    && wanted.equals(f.snapshot().daemon().config())) {
                return Optional.of(dir.resolve("lvsd.pid"));
            }
        }
        return Optional.empty();
    }

    private static void collect(Path dir, String glob, List<Path> out) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, glob)) {
            files.forEach(out::add);
        }
    }

    static DaemonStatusFile read(Path p) throws IOException {
        String text = Files.readString(p, StandardCharsets.UTF_8);
        try {
            return new DaemonStatusFile(p, StatusCodec.read(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(p + ": " + e.getMessage(), e);
        }
    }

    long pid() {
        return snapshot.daemon().pid();
    }

    boolean alive() {
        return pid() > 0 && Files.exists(Path.of("/proc", Long.toString(pid())));
    }
}
