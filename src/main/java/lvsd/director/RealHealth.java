package lvsd.director;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * What the director knows about one real server's health: the check engine's verdict as the director needs it.
 * {@link Pending} means no check of this real has finished yet (a new real, or every real just after start):
 * such a real is never put into rotation, only adopted if the kernel already has it in rotation.
 */
public sealed interface RealHealth {

    Pending PENDING = new Pending();

    /** No verdict yet. */
    record Pending() implements RealHealth {}

    /**
     * The last check passed. {@code weight} is a dynamic weight reported by the check (MISC_CHECK-style exit
     * codes); empty means "use the configured weight".
     */
    record Up(OptionalInt weight, String reason) implements RealHealth {
        public Up {
            Objects.requireNonNull(weight, "weight");
            Objects.requireNonNull(reason, "reason");
            if (weight.isPresent() && (weight.getAsInt() < 0 || weight.getAsInt() > 65535)) {
                throw new IllegalArgumentException("weight must be 0..65535, got " + weight.getAsInt());
            }
        }

        public static Up of(String reason) {
            return new Up(OptionalInt.empty(), reason);
        }
    }

    /** The real failed (enough consecutive failures to count as down); {@code reason} goes into the log line. */
    record Down(String reason) implements RealHealth {
        public Down {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
