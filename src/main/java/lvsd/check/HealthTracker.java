package lvsd.check;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * Pure rise/fall hysteresis for one check key. {@code fall} consecutive failures take an UP server down
 * (ldirectord's failurecount); {@code rise} consecutive successes bring a DOWN server up (ldirectord has
 * no rise count, which is rise = 1). The first result after UNKNOWN decides at once, so a new server
 * does not wait rise or fall intervals before it has any state at all.
 */
public record HealthTracker(Health health, int successes, int failures, OptionalInt weight) {

    public static final HealthTracker INITIAL = new HealthTracker(Health.UNKNOWN, 0, 0, OptionalInt.empty());

    /** The tracker after {@code result}, and the transition it caused, if any. */
    public record Step(HealthTracker tracker, Optional<Transition> transition) {}

    public Step observe(String key, CheckResult result, int rise, int fall) {
        if (rise < 1 || fall < 1) {
            throw new IllegalArgumentException("rise and fall must be >= 1, got " + rise + "/" + fall);
        }
        if (result instanceof CheckResult.Up up) {
            int s = successes + 1;
            boolean goesUp = health == Health.UNKNOWN || (health == Health.DOWN && s >= rise);
            if (goesUp) {
                return step(new HealthTracker(Health.UP, s, 0, up.weight()), key, health, Health.UP, result);
            }
            if (health == Health.UP && !up.weight().equals(weight)) {
                return step(new HealthTracker(Health.UP, s, 0, up.weight()), key, Health.UP, Health.UP, result);
            }
            return new Step(new HealthTracker(health, s, 0, health == Health.UP ? weight : up.weight()), Optional.empty());
        }
        int f = failures + 1;
        boolean goesDown = health == Health.UNKNOWN || (health == Health.UP && f >= fall);
        if (goesDown) {
            return step(new HealthTracker(Health.DOWN, 0, f, OptionalInt.empty()), key, health, Health.DOWN, result);
        }
        return new Step(new HealthTracker(health, 0, f, weight), Optional.empty());
    }

    private static Step step(HealthTracker next, String key, Health from, Health to, CheckResult why) {
        return new Step(next, Optional.of(new Transition(key, from, to, next.weight(), why.describe())));
    }
}
