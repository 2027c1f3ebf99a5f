package lvsd.daemon;

import java.util.function.Consumer;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Routes SIGHUP, SIGTERM and SIGINT to the event loop. The handlers only post an event: the loop thread does
 * the work, so a signal never interrupts a kernel update halfway. Installing a handler also stops the JVM from
 * running its own shutdown on TERM/INT/HUP, which would skip cleanstop.
 */
public final class Signals {
    private Signals() {}

    /**
     * Installs the handlers. A signal that was ignored when the JVM started (nohup ignores HUP; a shell's
     * background job ignores INT) stays ignored, as the JVM wants: {@code warn} is told so.
     */
    public static void install(Consumer<Event> post, Consumer<String> warn) {
        handle("HUP", s -> post.accept(new Event.Reload("SIGHUP")), warn, "lvsd reload will not work");
        handle("TERM", s -> post.accept(new Event.Stop("SIGTERM")), warn, "only SIGINT stops lvsd cleanly");
        handle("INT", s -> post.accept(new Event.Stop("SIGINT")), warn, "use SIGTERM to stop lvsd");
    }

    /** SIGUSR1 runs {@code dump} (it only posts a request to the loop), as keepalived operators expect a dump on a signal. */
    public static void onDumpRequest(Runnable dump, Consumer<String> warn) {
        handle("USR1", s -> dump.run(), warn, "no dump on SIGUSR1 (lvsd's control socket still answers dump)");
    }

    private static void handle(String name, SignalHandler h, Consumer<String> warn, String consequence) {
        SignalHandler old = Signal.handle(new Signal(name), h);
        if (old == SignalHandler.SIG_IGN) {
            warn.accept("SIG" + name + " was ignored when lvsd started and stays ignored: " + consequence);
        }
    }
}
