package lvsd.daemon;

/**
 * Everything that can wake the daemon's event loop. Signal handlers, the file watcher, health transitions and
 * VRRP state changes only post one of these; the loop thread does the work.
 */
public sealed interface Event {

    /** Re-read the config file now and apply it even if its content did not change (SIGHUP, {@code lvsd reload}). */
    record Reload(String why) implements Event {}

    /** Look at the config file: run the callback and, with autoreload, reload if its content changed. */
    record CheckFile(String why) implements Event {}

    /** Something the desired table depends on changed (a health transition): reconcile soon, coalesced. */
    record Reconcile(String why) implements Event {}

    /**
     * A supervised thread died ({@code cause} escaped its loop): the loop restarts its subsystem, or stops the
     * daemon with exit status 1 when that cannot help.
     */
    record ThreadDied(Subsystem subsystem, String thread, Throwable cause) implements Event {}

    /**
     * A reload's parse finished on the parse thread (names are resolved there, off the loop): the loop picks up
     * the result it left for itself and applies it, unless a newer reload or the parse deadline came first.
     */
    record ConfigParsed(String why) implements Event {}

    /** Hand the config in force to the dump requests waiting (control socket {@code dump}, SIGUSR1). */
    record Dump() implements Event {}

    /** Stop the daemon (SIGTERM, SIGINT): clean up as cleanstop says, then leave the loop. */
    record Stop(String why) implements Event {}
}
