package lvsd.check;

import java.util.OptionalInt;

/** The outcome of one check run. Expected outcomes are values, not exceptions. */
public sealed interface CheckResult {

    /** The server passed. {@code weight} is set only by checks that report a dynamic weight. */
    record Up(OptionalInt weight) implements CheckResult {
        public static final Up PLAIN = new Up(OptionalInt.empty());

        public Up {
            if (weight.isPresent() && weight.getAsInt() < 0) {
                throw new IllegalArgumentException("negative weight " + weight.getAsInt());
            }
        }

        public static Up withWeight(int weight) {
            return new Up(OptionalInt.of(weight));
        }
    }

    /** The server answered, or refused, in a way that fails the check. */
    record Down(String reason) implements CheckResult {}

    /** The check did not finish within its deadline; the engine ended it. */
    record TimedOut(String reason) implements CheckResult {}

    default boolean isUp() {
        return this instanceof Up;
    }

    /** A short text for logs and transitions. */
    default String describe() {
        if (this instanceof Up u) {
            return u.weight().isPresent() ? "up (weight " + u.weight().getAsInt() + ")" : "up";
        } else if (this instanceof Down d) {
            return d.reason();
        }
        return "timed out: " + ((TimedOut) this).reason();
    }
}
