package lvsd.check;

import java.time.Duration;
import java.util.Objects;

/** One registration: what to check, how often, and the rise/fall counts applied to its results. */
public record CheckConfig(CheckSpec spec, Duration interval, int rise, int fall) {
    public CheckConfig {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("checkinterval must be > 0, got " + interval);
        }
        if (rise < 1 || fall < 1) {
            throw new IllegalArgumentException("rise and fall must be >= 1, got " + rise + "/" + fall);
        }
    }
}
