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
        signal(pid, LibC.SIGHUP, "SIGHUP");
    }

    /** Sends SIGTERM to {@code pid}. */
    public static void terminate(long pid) throws SignalException {
        signal(pid, LibC.SIGTERM, "SIGTERM");
    }

    private static void signal(long pid, int sig, String name) throws SignalException {
        if (pid <= 1 || pid > Integer.MAX_VALUE) {
            throw new SignalException("refusing to signal pid " + pid, 0);
        }
        try {
            LibC.kill((int) pid, sig);
        } catch (LastErrorException e) {
            String why = switch (e.getErrorCode()) {
                case LibC.ESRCH -> "no such process";
                case LibC.EPERM -> "permission denied (run as root or as the daemon's user)";
                default -> "errno " + e.getErrorCode();
            };
            throw new SignalException("cannot send " + name + " to pid " + pid + ": " + why, e.getErrorCode());
        }
    }

    /**
     * Whether {@code pid} is a live process: it exists and is not a zombie (a zombie has exited and closed its
     * files; only its parent's wait is missing).
     */
    public static boolean alive(long pid) {
        return alive(java.nio.file.Path.of("/proc"), pid);
    }

    static boolean alive(java.nio.file.Path proc, long pid) {
        try {
            String stat = java.nio.file.Files.readString(proc.resolve(Long.toString(pid)).resolve("stat"),
                    java.nio.charset.StandardCharsets.US_ASCII);
            int end = stat.lastIndexOf(')'); // the command name may hold spaces and parentheses
            return end > 0 && end + 2 < stat.length() && stat.charAt(end + 2) != 'Z' && stat.charAt(end + 2) != 'X';
        } catch (java.io.IOException e) {
            return false;
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
