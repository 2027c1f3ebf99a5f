package lvsd.daemon.sys;

import com.sun.jna.LastErrorException;

/** Sends a signal to a process; the JDK can only send SIGTERM and SIGKILL. */
public final class Processes {

    /** Why a signal could not be delivered. */
    public static final class SignalException extends Exception {
        private final int errno;

        SignalException(String message, int errno) {
            super(message);
            this.errno = errno;
        }

        public int errno() {
            return errno;
        }
    }

    private Processes() {}

    /** Sends SIGHUP to {@code pid}. */
    public static void hangup(long pid) throws SignalException {
        if (pid <= 1 || pid > Integer.MAX_VALUE) {
            throw new SignalException("refusing to signal pid " + pid, 0);
        }
        try {
            LibC.kill((int) pid, LibC.SIGHUP);
        } catch (LastErrorException e) {
            String why = switch (e.getErrorCode()) {
                case LibC.ESRCH -> "no such process";
                case LibC.EPERM -> "permission denied (run as root or as the daemon's user)";
                default -> "errno " + e.getErrorCode();
            };
            throw new SignalException("cannot send SIGHUP to pid " + pid + ": " + why, e.getErrorCode());
        }
    }
}
