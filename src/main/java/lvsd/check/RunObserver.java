package lvsd.check;

import java.time.Duration;
import java.util.Set;

/**
 * Sees every finished run once per check key it stands for (reals with equal specs share a run): what the
 * metrics' latency histogram and failure counters count. Called on an engine thread; must be quick.
 */
public interface RunObserver {
    RunObserver NONE = (key, result, took) -> {};

    void finished(String key, CheckResult result, Duration took);

    /** The registered keys are now these: forget the others. */
    default void retain(Set<String> keys) {}
}
