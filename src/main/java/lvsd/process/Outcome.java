package lvsd.process;

/** How a {@link Program} ended. */
public sealed interface Outcome {

    /** The program exited by itself ({@code status} 128+N when signal N ended it). */
    record Exited(int status) implements Outcome {}

    /** The deadline came first: the program's process group was killed. */
    record TimedOut() implements Outcome {}

    /** It never ran (no such file, not executable, ...). */
    record NotStarted(String why) implements Outcome {}

    /** Exited with status 0. */
    default boolean succeeded() {
        return this instanceof Exited e && e.status() == 0;
    }
}
