package lvsd.director;

import java.util.Optional;

/**
 * The fallback state machine of one virtual, ldirectord's {@code fallback_on}/{@code fallback_off}: the fallback
 * server (and {@code fallbackcommand start}) comes on when no real of the virtual is up, and goes off (with
 * {@code fallbackcommand stop}) when one is up again. Quiesced reals count as down.
 *
 * <p>One difference from ldirectord: while no real is up but some real still awaits its first check, nothing is
 * decided ({@link State#UNDECIDED}); the fallback is then left as the kernel has it. That avoids adding the
 * fallback at every cold start only to delete it a check later, and keeps a fallback that is serving traffic
 * across a restart.
 */
public final class FallbackMachine {

    private FallbackMachine() {}

    public enum State {
        /** Nothing known yet (lvsd just started, or the virtual is new). */
        UNKNOWN,
        /** No real up: the fallback is in the table. */
        ON,
        /** Some real up: the fallback is not in the table. */
        OFF
    }

    /** The state after this cycle and the fallbackcommand action to run, if the state changed. */
    public record Step(State state, boolean decided, Optional<Effect.FallbackCommand.Action> action) {}

    /**
     * @param previous  the state after the last cycle
     * @param anyUp     some real of the virtual is up (or adopted as up while its first check is pending)
     * @param undecided some real of the virtual awaits its first check and is not adopted
     */
    public static Step next(State previous, boolean anyUp, boolean undecided) {
        if (anyUp) {
            // "stop" only undoes a "start" this process ran: after a restart nobody knows what ran before.
            return new Step(State.OFF, true,
                    previous == State.ON ? Optional.of(Effect.FallbackCommand.Action.STOP) : Optional.empty());
        }
        if (undecided) {
            return new Step(previous, false, Optional.empty());
        }
        return new Step(State.ON, true,
                previous == State.ON ? Optional.empty() : Optional.of(Effect.FallbackCommand.Action.START));
    }
}
