package lvsd.sys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {

    @TempDir
    Path dir;

    private long leftovers() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).count();
        }
    }

    @Test
    void createsAndReplacesAFileLeavingNoTemporaryBehind() throws Exception {
        Path f = dir.resolve("status.json");
        AtomicFile.write(f, "one\n", AtomicFile.Durability.VISIBLE);
        assertThat(Files.readString(f)).isEqualTo("one\n");
        AtomicFile.write(f, "two\n", AtomicFile.Durability.SYNCED);
        assertThat(Files.readString(f)).isEqualTo("two\n");
        assertThat(leftovers()).isZero();
    }

    @Test
    void aSymlinkAtTheTargetIsReplacedNotWrittenThrough() throws Exception {
        Path victim = Files.writeString(dir.resolve("victim"), "keep me\n");
        Path f = dir.resolve("lvsd.pid");
        Files.createSymbolicLink(f, victim);
        AtomicFile.write(f, "42\n", AtomicFile.Durability.SYNCED);
        assertThat(Files.isSymbolicLink(f)).isFalse();
        assertThat(Files.readString(f)).isEqualTo("42\n");
        assertThat(Files.readString(victim)).isEqualTo("keep me\n");
    }

    @Test
    void aFailedWriteLeavesTheOldContentAndNoTemporary() throws Exception {
        Path f = dir.resolve("status");
        AtomicFile.write(f, "old\n", AtomicFile.Durability.VISIBLE);
        Path notADir = dir.resolve("file-not-dir");
        Files.writeString(notADir, "x");
        try {
            AtomicFile.write(notADir.resolve("child"), "new\n", AtomicFile.Durability.VISIBLE);
            throw new AssertionError("writing below a plain file must fail");
        } catch (java.io.IOException expected) {
            // the parent is not a directory
        }
        assertThat(Files.readString(f)).isEqualTo("old\n");
        assertThat(leftovers()).isZero();
    }
}
