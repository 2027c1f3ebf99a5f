package lvsd.check;

import java.util.OptionalInt;

/**
 * A change of belief about one registered check: its health moved, or an UP server reported a new
 * dynamic weight (then {@code from == to == UP}). {@code weight} is empty when the configured weight applies.
 */
public record Transition(String key, Health from, Health to, OptionalInt weight, String reason) {}
