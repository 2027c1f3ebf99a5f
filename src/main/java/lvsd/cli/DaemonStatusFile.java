package lvsd.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
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
     * The status file at PATH, or the one live daemon's file: {@code /run/lvsd.*.json} (lvsd run's default), then
     * the systemd units' {@code /run/lvsd/lvsd.json} (lvsd.service) and {@code /run/lvsd@INSTANCE/lvsd.json}
     * (lvsd@.service; a directory of its own, as stopping lvsd.service removes /run/lvsd), which live in their RuntimeDirectory= because ProtectSystem=strict leaves /run read-only.
     */
    static Optional<DaemonStatusFile> find(Path explicit) throws IOException {
        return explicit != null ? Optional.of(read(explicit)) : findUnder(RUN_DIR);
    }

    static Optional<DaemonStatusFile> findUnder(Path run) throws IOException {
        java.util.List<Path> candidates = new java.util.ArrayList<>();
        collect(run, "lvsd.*.json", candidates);
        candidates.add(run.resolve("lvsd/lvsd.json"));
        java.util.List<Path> instances = new java.util.ArrayList<>();
        collect(run, "lvsd@*", instances);
        instances.forEach(i -> candidates.add(i.resolve("lvsd.json")));
        for (Path p : candidates) {
            if (!Files.isRegularFile(p)) {
                continue;
            }
            try {
                DaemonStatusFile f = read(p);
                if (f.alive()) {
                    return Optional.of(f);
                }
            } catch (IOException | IllegalArgumentException e) {
                // being rewritten, or not ours: look at the next one
            }
        }
        return Optional.empty();
    }

    /**
     * The pid file of the live daemon a systemd unit runs for {@code config}: {@code lvsd.pid} beside a live
     * {@code lvsd.json} (in {@code RUN/lvsd} or {@code RUN/lvsd@*}) whose daemon runs that very file. Empty when
     * none does; the status file's config path is what ties a unit's directory to a config.
     */
    static Optional<Path> unitPidFileFor(Path run, Path config) throws IOException {
        String wanted = config.toAbsolutePath().normalize().toString();
        java.util.List<Path> dirs = new java.util.ArrayList<>();
        dirs.add(run.resolve("lvsd"));
        collect(run, "lvsd@*", dirs);
        for (Path d : dirs) {
            Path status = d.resolve("lvsd.json");
            if (!Files.isRegularFile(status)) {
                continue;
            }
            try {
                DaemonStatusFile f = read(status);
                if (f.alive() && wanted.equals(f.snapshot().daemon().config())) {
                    return Optional.of(d.resolve("lvsd.pid"));
                }
            } catch (IOException | IllegalArgumentException e) {
                // being rewritten, or not ours: look at the next one
            }
        }
        return Optional.empty();
    }

    private static void collect(Path dir, String glob, java.util.List<Path> out) throws IOException {
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

    String describe() {
        StatusSnapshot.Daemon d = snapshot.daemon();
        return "lvsd pid " + d.pid() + ", config " + d.config() + ", " + d.phase() + ", generation " + d.generation();
    }

    /** Each real's place as the director last logged it, keyed by {@link #key(String, String)}. */
    Map<String, String> realStatuses() {
        Map<String, String> out = new HashMap<>();
        for (StatusSnapshot.Virtual v : snapshot.director().virtuals()) {
            for (StatusSnapshot.Real r : v.reals()) {
                out.put(key(v.service(), r.real()), r.describe());
            }
        }
        return out;
    }

    static String key(String serviceIpvsadm, String endpoint) {
        return serviceIpvsadm + " " + endpoint;
    }
}
