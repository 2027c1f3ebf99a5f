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

    @Test
    void aSymlinkPlantedAtTheTemporaryNameIsNotFollowed(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        // what --vrrp-status-file and the status file rely on in a shared directory: the temporary is created
        // with O_CREAT|O_EXCL, so a planted link makes that name fail and the next random name is used
        Path target = dir.resolve("vrrp.status");
        Path victim = dir.resolve("victim");
        Files.writeString(victim, "precious\n");
        Path planted = AtomicFile.tempName(target, 0x1234);
        Files.createSymbolicLink(planted, victim);
        long[] suffixes = {0x1234, 0x5678};
        int[] next = {0};
        AtomicFile.write(target, "MASTER\n".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                AtomicFile.Durability.VISIBLE, () -> suffixes[next[0]++]);
        assertThat(Files.readString(victim)).isEqualTo("precious\n");
        assertThat(Files.readString(target)).isEqualTo("MASTER\n");
        assertThat(next[0]).as("names tried").isEqualTo(2);
        assertThat(Files.isSymbolicLink(planted)).isTrue();
    }
}
