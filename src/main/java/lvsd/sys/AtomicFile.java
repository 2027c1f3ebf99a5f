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
import java.util.function.LongSupplier;

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
        write(file, content, durability, () -> ThreadLocalRandom.current().nextLong() >>> 16);
    }

    /** {@code suffixes}: the random part of each temporary name tried (tests make it predictable). */
    static void write(Path file, byte[] content, Durability durability, LongSupplier suffixes) throws IOException {
        Path target = file.toAbsolutePath();
        Path tmp = createExclusive(target, suffixes);
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

    static Path tempName(Path target, long suffix) {
        return target.getParent().resolve("." + target.getFileName() + "." + Long.toHexString(suffix) + ".tmp");
    }

    private static Path createExclusive(Path target, LongSupplier suffixes) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path tmp = tempName(target, suffixes.getAsLong());
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
