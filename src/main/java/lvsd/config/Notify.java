package lvsd.config;

import java.util.List;

/**
 * keepalived's notify hooks, each a command split into words (empty = not configured). The state-specific
 * hook gets no extra arguments; {@code notify} gets {@code INSTANCE|GROUP NAME STATE PRIORITY} appended.
 */
public record Notify(List<String> master, List<String> backup, List<String> fault, List<String> stop,
                     List<String> any) {
    public static final Notify NONE = new Notify(List.of(), List.of(), List.of(), List.of(), List.of());

    public Notify {
        master = List.copyOf(master);
        backup = List.copyOf(backup);
        fault = List.copyOf(fault);
        stop = List.copyOf(stop);
        any = List.copyOf(any);
    }
}
