package lvsd.config;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * E-mail alert settings (parsed only; lvsd does not send mail yet). {@code recipients} is ldirectord's
 * comma-separated list as written, "" for none; {@code frequency} 0 means no reminders; {@code from} is global.
 */
public record EmailAlert(
        String recipients, int frequency, Set<AlertState> states, Optional<String> smtp, Optional<String> from) {

    public EmailAlert {
        Objects.requireNonNull(recipients, "recipients");
        Objects.requireNonNull(smtp, "smtp");
        Objects.requireNonNull(from, "from");
        states = states.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(states));
        if (frequency < 0) {
            throw new IllegalArgumentException("frequency must not be negative");
        }
    }

    public boolean enabled() {
        return !recipients.isEmpty();
    }
}
