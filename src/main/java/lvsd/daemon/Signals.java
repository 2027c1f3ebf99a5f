package lvsd.daemon;

import java.util.function.Consumer;
import sun.misc.Signal;

/**
 * Routes SIGHUP, SIGTERM and SIGINT to the event loop. The handlers only post an event: the loop thread does
 * the work, so a signal never interrupts a kernel update halfway. Installing a handler also stops the JVM from
 * running its own shutdown on TERM/INT/HUP, which would skip cleanstop.
 */
public final class Signals {
    private Signals() {}

    public static void install(Consumer<Event> post) {
        Signal.handle(new Signal("HUP"), s -> post.accept(new Event.Reload("SIGHUP")));
        Signal.handle(new Signal("TERM"), s -> post.accept(new Event.Stop("SIGTERM")));
        Signal.handle(new Signal("INT"), s -> post.accept(new Event.Stop("SIGINT")));
    }
}
