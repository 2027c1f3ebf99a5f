package lvsd.netlink;

import java.io.IOException;

/**
 * The one error type that leaves lvsd.netlink. {@link #errno()} &gt; 0 with {@link #fromKernel()} true means
 * the kernel answered a request with NLMSG_ERROR; {@code fromKernel() == false} means a system call failed
 * (errno set) or a reply was malformed (errno 0). {@link #extAck()} is the kernel's extended-ack text, if any.
 */
public class NetlinkException extends IOException {
    private final String op;
    private final int errno;
    private final boolean fromKernel;
    private final String extAck;
    private final int seq;

    public NetlinkException(String op, int errno, boolean fromKernel, String extAck, int seq, String message) {
        super(message);
        this.op = op;
        this.errno = errno;
        this.fromKernel = fromKernel;
        this.extAck = extAck;
        this.seq = seq;
    }

    /** A reply the codec could not parse. */
    public static NetlinkException malformed(String what) {
        return new NetlinkException("parse", 0, false, null, 0, "malformed netlink data: " + what);
    }

    /** A failed system call. */
    public static NetlinkException syscall(String call, int errno) {
        return new NetlinkException(call, errno, false, null, 0, call + ": " + Errno.describe(errno));
    }

    /** The kernel's NLMSG_ERROR answer to request {@code seq}. */
    public static NetlinkException kernel(int errno, String extAck, int seq) {
        String text = Errno.describe(errno) + (extAck == null || extAck.isEmpty() ? "" : " (" + extAck + ")");
        return new NetlinkException("request", errno, true, extAck, seq, text);
    }

    public String op() {
        return op;
    }

    public int errno() {
        return errno;
    }

    public boolean fromKernel() {
        return fromKernel;
    }

    public String extAck() {
        return extAck;
    }

    public int seq() {
        return seq;
    }
}
