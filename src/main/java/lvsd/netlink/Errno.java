package lvsd.netlink;

/** Names and strerror-like texts for the errno values netlink users meet; no libc call needed. */
public final class Errno {
    private Errno() {}

    public static String name(int errno) {
        return switch (errno) {
            case 1 -> "EPERM";
            case 2 -> "ENOENT";
            case 3 -> "ESRCH";
            case 4 -> "EINTR";
            case 9 -> "EBADF";
            case 11 -> "EAGAIN";
            case 12 -> "ENOMEM";
            case 13 -> "EACCES";
            case 16 -> "EBUSY";
            case 17 -> "EEXIST";
            case 19 -> "ENODEV";
            case 22 -> "EINVAL";
            case 34 -> "ERANGE";
            case 90 -> "EMSGSIZE";
            case 92 -> "ENOPROTOOPT";
            case 93 -> "EPROTONOSUPPORT";
            case 95 -> "EOPNOTSUPP";
            case 97 -> "EAFNOSUPPORT";
            case 99 -> "EADDRNOTAVAIL";
            case 105 -> "ENOBUFS";
            case 110 -> "ETIMEDOUT";
            default -> "errno " + errno;
        };
    }

    public static String describe(int errno) {
        String text = switch (errno) {
            case 1 -> "Operation not permitted";
            case 2 -> "No such file or directory";
            case 3 -> "No such process";
            case 4 -> "Interrupted system call";
            case 9 -> "Bad file descriptor";
            case 11 -> "Resource temporarily unavailable";
            case 12 -> "Cannot allocate memory";
            case 13 -> "Permission denied";
            case 16 -> "Device or resource busy";
            case 17 -> "File exists";
            case 19 -> "No such device";
            case 22 -> "Invalid argument";
            case 34 -> "Numerical result out of range";
            case 90 -> "Message too long";
            case 92 -> "Protocol not available";
            case 93 -> "Protocol not supported";
            case 95 -> "Operation not supported";
            case 97 -> "Address family not supported by protocol";
            case 99 -> "Cannot assign requested address";
            case 105 -> "No buffer space available";
            case 110 -> "Connection timed out";
            default -> "error";
        };
        return text + " (" + name(errno) + ")";
    }
}
