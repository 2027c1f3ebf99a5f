package lvsd.daemon;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.function.Consumer;

/**
 * Wakes the loop as soon as the config file may have changed. It watches the file's <em>directory</em>, so an
 * editor that writes a new file and renames it over the old one is seen too. It only posts
 * {@link Event.CheckFile}; the loop compares content hashes, and its periodic poll still catches what the
 * watcher misses (network file systems, a watcher that failed to start).
 */
public final class FileWatcher implements AutoCloseable {

    private final WatchService service;
    private final Thread thread;

    private FileWatcher(WatchService service, Thread thread) {
        this.service = service;
        this.thread = thread;
    }

    /** Starts watching; throws when the file system offers no watch service (the poll still works then). */
    public static FileWatcher start(Path file, Consumer<Event> post) throws IOException {
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        Path name = abs.getFileName();
        WatchService ws = FileSystems.getDefault().newWatchService();
        try {
            dir.register(ws, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
        } catch (IOException | RuntimeException e) {
            ws.close();
            throw e;
        }
        Thread t = new Thread(() -> watch(ws, name, post), "lvsd-file-watcher");
        t.setDaemon(true);
        t.start();
        return new FileWatcher(ws, t);
    }

    private static void watch(WatchService ws, Path name, Consumer<Event> post) {
        try {
            while (true) {
                WatchKey key = ws.take();
                boolean ours = false;
                for (WatchEvent<?> ev : key.pollEvents()) {
                    // OVERFLOW has no context: something was lost, so look anyway
                    ours |= ev.context() == null || name.equals(ev.context());
                }
                if (ours) {
                    post.accept(new Event.CheckFile("file watcher"));
                }
                if (!key.reset()) {
                    return; // the directory is gone; the poll takes over
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closing
        } catch (RuntimeException | Error e) {
            post.accept(new Event.ThreadDied(Subsystem.FILE_WATCHER, Thread.currentThread().getName(), e));
        }
    }

    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException e) {
            // already closed
        }
        thread.interrupt();
    }
}
