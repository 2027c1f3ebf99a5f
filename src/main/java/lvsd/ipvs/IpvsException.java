package lvsd.ipvs;

import java.io.IOException;
import java.util.List;
import lvsd.netlink.Errno;
import lvsd.netlink.NetlinkException;
import lvsd.netlink.Nl;

/**
 * The one error type of lvsd.ipvs: a kernel answer or socket failure turned into plain words, with a
 * {@link Kind} a caller can branch on (the reconciler treats EXISTS on add and NO_SUCH_* on delete as done).
 * {@link #getCause()} is the underlying {@link NetlinkException} when there is one.
 */
public class IpvsException extends IOException {

    public enum Kind {
        NOT_AVAILABLE, PERMISSION_DENIED, EXISTS, NO_SUCH_SERVICE, NO_SUCH_DESTINATION, UNKNOWN_SCHEDULER,
        INVALID, DAEMON, OTHER
    }

    private final Kind kind;
    private final int errno;
    private final IpvsOp op;

    public IpvsException(Kind kind, int errno, IpvsOp op, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.errno = errno;
        this.op = op;
    }

    public Kind kind() {
        return kind;
    }

    /** The errno behind the failure, 0 if none. */
    public int errno() {
        return errno;
    }

    /** The operation that failed, or null. */
    public IpvsOp op() {
        return op;
    }

    static final String NOT_AVAILABLE_TEXT = "IPVS is not available in this kernel: is the ip_vs module loaded?";

    static IpvsException notAvailable(NetlinkException cause) {
        return new IpvsException(Kind.NOT_AVAILABLE, cause.errno(), null, NOT_AVAILABLE_TEXT, cause);
    }

    /** Explains a failed request in a user's words; {@code op} may be null for reads and other requests. */
    static IpvsException of(NetlinkException e, IpvsOp op, String what) {
        int errno = e.errno();
        if (!e.fromKernel()) {
            return new IpvsException(Kind.OTHER, errno, op, what + ": " + e.getMessage(), e);
        }
        String target = op == null ? "" : ": " + op.describe();
        String ext = e.extAck() == null || e.extAck().isEmpty() ? "" : " (kernel: " + e.extAck() + ")";
        Kind kind;
        String text;
        switch (errno) {
            case Nl.EPERM -> {
                kind = Kind.PERMISSION_DENIED;
                text = "permission denied: IPVS needs CAP_NET_ADMIN (run as root)";
            }
            case Nl.EEXIST -> {
                kind = Kind.EXISTS;
                text = (op instanceof IpvsOp.AddDestination ? "destination already exists"
                        : op instanceof IpvsOp.AddService ? "service already exists" : "already exists") + target;
            }
            case Nl.ESRCH -> {
                kind = Kind.NO_SUCH_SERVICE;
                text = "no such service" + target;
            }
            case Nl.ENOENT -> {
                if (op instanceof IpvsOp.AddService || op instanceof IpvsOp.EditService) {
                    Service s = op instanceof IpvsOp.AddService a ? a.service() : ((IpvsOp.EditService) op).service();
                    kind = Kind.UNKNOWN_SCHEDULER;
                    text = "unknown scheduler '" + s.scheduler() + "'"
                            + (s.peName().isEmpty() ? "" : " or persistence engine '" + s.peName() + "'")
                            + ": the kernel has no module for it" + target;
                } else if (op != null && op.serviceKey() != null) {
                    kind = Kind.NO_SUCH_DESTINATION;
                    text = "no such destination" + target;
                } else {
                    kind = Kind.OTHER;
                    text = what + ": " + Errno.describe(errno);
                }
            }
            case Nl.EINVAL, Nl.ERANGE, Nl.EAFNOSUPPORT -> {
                kind = Kind.INVALID;
                text = "invalid request, " + Errno.describe(errno) + target;
            }
            default -> {
                kind = Kind.OTHER;
                text = what + " failed: " + Errno.describe(errno) + target;
            }
        }
        return new IpvsException(kind, errno, op, text + ext, e);
    }

    /** Thrown by {@link IpvsClient#apply} when some operations failed; lists each one. */
    public static final class ApplyException extends IpvsException {
        private final List<IpvsException> failures;
        private final int attempted;

        public ApplyException(List<IpvsException> failures, int attempted) {
            super(failures.get(0).kind(), failures.get(0).errno(), failures.get(0).op(),
                    failures.size() == 1 ? failures.get(0).getMessage()
                            : failures.size() + " of " + attempted + " operations failed; first: "
                                    + failures.get(0).getMessage(), failures.get(0));
            this.failures = List.copyOf(failures);
            this.attempted = attempted;
        }

        public List<IpvsException> failures() {
            return failures;
        }

        public int attempted() {
            return attempted;
        }
    }
}
