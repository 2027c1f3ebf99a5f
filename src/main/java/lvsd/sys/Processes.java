package lvsd.sys;

import com.sun.jna.LastErrorException;

/** Signals a process or a process group; the JDK can only send SIGTERM and SIGKILL to one process. */
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

    /** Sends SIGKILL to process group {@code pgid}; false when the group no longer exists. */
    public static boolean killGroup(int pgid) {
        if (pgid <= 1) {
            throw new IllegalArgumentException("refusing to signal process group " + pgid);
        }
        try {
            LibC.kill(-pgid, LibC.SIGKILL);
            return true;
        } catch (LastErrorException e) {
            if (e.getErrorCode() == LibC.ESRCH) {
                return false;
            }
            throw e;
        }
    }
}
