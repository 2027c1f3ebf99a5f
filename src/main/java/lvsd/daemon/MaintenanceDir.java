package lvsd.daemon;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import lvsd.config.Diagnostic;
import lvsd.config.GlobalSettings;
import lvsd.config.ParseResult;
import lvsd.director.MaintenanceSet;

/**
 * The I/O edge of maintenance mode: lists {@code maintenancedir} once per cycle. A directory that does not exist
 * means "nothing in maintenance" (ldirectord only warns about it); other read errors are thrown so the caller
 * can keep the previous set rather than bring every real back at once.
 */
public final class MaintenanceDir {

    private MaintenanceDir() {}

    public static MaintenanceSet scan(Path dir) throws IOException {
        if (dir == null) {
            return MaintenanceSet.EMPTY;
        }
        Set<String> names = new HashSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                // Any kind of entry counts (a symlink or an empty file is the usual marker), hidden ones too.
                names.add(p.getFileName().toString());
            }
        } catch (NoSuchFileException e) {
            return MaintenanceSet.EMPTY;
        }
        return new MaintenanceSet(names);
    }

    /** ldirectord's warning for a maintenancedir that is not a directory, at the line that set it. */
    public static Optional<Diagnostic> missingWarning(GlobalSettings g) {
        if (g.maintenanceDir().isEmpty() || g.maintenanceDirLine().isEmpty()
                || Files.isDirectory(Path.of(g.maintenanceDir().get()))) {
            return Optional.empty();
        }
        return Optional.of(Diagnostic.warning(g.maintenanceDirLine().get(),
                "maintenance directory " + g.maintenanceDir().get() + " does not exist"));
    }

    /** The parser's diagnostics with {@link #missingWarning} added, still in line order. */
    public static List<Diagnostic> withDiskWarnings(ParseResult r) {
        if (!r.ok()) {
            return r.diagnostics();
        }
        Optional<Diagnostic> missing = missingWarning(r.config().globals());
        if (missing.isEmpty()) {
            return r.diagnostics();
        }
        List<Diagnostic> all = new ArrayList<>(r.diagnostics());
        all.add(missing.get());
        all.sort(Comparator.comparingInt(d -> d.pos().line())); // stable: same-line diagnostics keep their order
        return all;
    }
}
