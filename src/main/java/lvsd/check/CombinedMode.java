package lvsd.check;

/**
 * Where a checktype=N check stands: {@code connectsLeft == 0} means the next run is a negotiate.
 * Pure: the engine keeps one per running combined check.
 */
public record CombinedMode(int connectsLeft) {

    public static final CombinedMode START = new CombinedMode(0);

    /** The spec the next run uses. */
    public CheckSpec pick(CheckSpec.Combined spec) {
        return connectsLeft == 0 ? spec.negotiate() : spec.connect();
    }

    /** The mode after a run that used {@link #pick} and ended with {@code result}. */
    public CombinedMode after(CheckSpec.Combined spec, CheckResult result) {
        if (!result.isUp()) {
            return START;
        }
        return connectsLeft == 0 ? new CombinedMode(spec.connectsBetween()) : new CombinedMode(connectsLeft - 1);
    }
}
