package lvsd.sys;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Replaces a file's content so that a reader sees the old content or the new, never a mix: the new content goes
 * to a temporary file created exclusively in the same directory (a planted file or symlink of that name makes
 * the creation fail rather than be followed), which is then renamed over the target. The rename replaces a
 * symlink at the target rather than writing through it.
 */
public final class AtomicFile {

    /** Whether the content must survive a power loss, or only be seen whole. */
    public enum Durability {
        /** Files rewritten many times a second, usually on tmpfs: no fsync. */
        VISIBLE,
        /** fsync before the rename. */
        SYNCED
    }

    private AtomicFile() {}

    public static void write(Path file, String content, Durability durability) throws IOException {
        write(file, content.getBytes(StandardCharsets.UTF_8), durability);
    }

    public static void write(Path file, byte[] content, Durability durability) throws IOException {
        Path target = file.toAbsolutePath();
        Path tmp = createExclusive(target);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                ByteBuffer b = ByteBuffer.wrap(content);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                if (durability == Durability.SYNCED) {
                    ch.force(true);
                }
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static Path createExclusive(Path target) throws IOException {
        Path dir = target.getParent();
        for (int attempt = 0; ; attempt++) {
            Path tmp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(
                    ThreadLocalRandom.current().nextLong() >>> 16) + ".tmp");
            try {
                Files.newByteChannel(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                        LinkOption.NOFOLLOW_LINKS).close();
                return tmp;
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 10) {
                    throw e;
                }
            }
        }
    }
}
