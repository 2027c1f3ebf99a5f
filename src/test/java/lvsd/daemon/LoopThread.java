package lvsd.daemon;

/** Tests that need the real event loop run it as the daemon does, on its own thread ("test-loop"). */
final class LoopThread {
    private LoopThread() {}

    /** Starts {@code runner.run(loop)} on a new thread and returns it. */
    static Thread start(DaemonRunner runner, DaemonLoop<?> loop) {
        Thread t = new Thread(() -> {
            try {
                runner.run(loop);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "test-loop");
        t.start();
        return t;
    }
}
