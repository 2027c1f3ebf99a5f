package lvsd.vrrp;

import java.io.IOException;

/** The one error type of the VRRP I/O edge: a failed system call ({@link #errno()} &gt; 0) or an unusable interface. */
public class VrrpIoException extends IOException {
    private final String op;
    private final int errno;

    public VrrpIoException(String op, int errno, String message) {
        super(op + ": " + message);
        this.op = op;
        this.errno = errno;
    }

    public String op() {
        return op;
    }

    public int errno() {
        return errno;
    }
}
