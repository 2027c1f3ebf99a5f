package lvsd.director;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

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
}
