package lvsd.director;

import java.util.List;
import java.util.Objects;

/**
 * A side effect the director asks for, as a value: the daemon performs it (the director itself does no I/O).
 */
public sealed interface Effect {

    /**
     * Run {@code fallbackcommand start|stop VIP:PORT PROTO} once, on the transition into or out of "no real up".
     * For a fwmark virtual {@code vipPort} is the mark and {@code protocol} is {@code fwm}.
     */
    record FallbackCommand(List<String> command, Action action, String vipPort, String protocol) implements Effect {
        public enum Action {
            START, STOP;

            public String word() {
                return name().toLowerCase(java.util.Locale.ROOT);
            }
        }

        public FallbackCommand {
            Objects.requireNonNull(command, "command");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(vipPort, "vipPort");
            Objects.requireNonNull(protocol, "protocol");
        }

        /** The command line's words after the command itself, as ldirectord passes them. */
        public List<String> arguments() {
            return List.of(action.word(), vipPort, protocol);
        }
    }
}
