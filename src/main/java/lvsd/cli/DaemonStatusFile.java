package lvsd.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lvsd.json.JsonReader;

/**
 * The status file a running {@code lvsd run} keeps current (docs/daemon.md): where each real stands and
 * VRRP's state. A file whose pid is no longer alive is stale (a killed daemon leaves it behind) and ignored.
 */
record DaemonStatusFile(Path path, String json, Map<String, Object> root) {

    static final Path RUN_DIR = Path.of("/run");

    /** The status file at PATH, or the one live daemon's file in /run when PATH is null. */
    static Optional<DaemonStatusFile> find(Path explicit) throws IOException {
        if (explicit != null) {
            return Optional.of(read(explicit));
        }
        if (!Files.isDirectory(RUN_DIR)) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(RUN_DIR, "lvsd.*.json")) {
            for (Path p : files) {
                try {
                    DaemonStatusFile f = read(p);
                    if (f.alive()) {
                        return Optional.of(f);
                    }
                } catch (IOException | IllegalArgumentException e) {
                    // being rewritten, or not ours: look at the next one
                }
            }
        }
        return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    static DaemonStatusFile read(Path p) throws IOException {
        String text = Files.readString(p, StandardCharsets.UTF_8);
        Object v = JsonReader.parse(text);
        if (!(v instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(p + " is not a JSON object");
        }
        return new DaemonStatusFile(p, text.strip(), (Map<String, Object>) m);
    }

    long pid() {
        return root.get("pid") instanceof Double d ? d.longValue() : -1;
    }

    boolean alive() {
        return pid() > 0 && Files.exists(Path.of("/proc", Long.toString(pid())));
    }

    String describe() {
        return "lvsd pid " + pid() + ", config " + root.getOrDefault("config", "?") + ", "
                + root.getOrDefault("phase", "?") + ", generation "
                + (root.get("generation") instanceof Double d ? d.longValue() : 0);
    }

    /** Each real's place as the director last logged it, keyed by {@link #key(String, String)}. */
    Map<String, String> realStatuses() {
        Map<String, String> out = new HashMap<>();
        if (root.get("backend") instanceof Map<?, ?> backend && backend.get("reals") instanceof List<?> reals) {
            for (Object o : reals) {
                if (o instanceof Map<?, ?> r && r.get("service") instanceof String s && r.get("real") instanceof String e
                        && r.get("status") instanceof String st) {
                    out.put(key(s, e), st);
                }
            }
        }
        return out;
    }

    /** VRRP's status lines, or null when the daemon runs no VRRP. */
    String vrrp() {
        return root.get("backend") instanceof Map<?, ?> backend && backend.get("vrrp") instanceof String v ? v : null;
    }

    static String key(String serviceIpvsadm, String endpoint) {
        return serviceIpvsadm + " " + endpoint;
    }
}
