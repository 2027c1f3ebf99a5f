package lvsd.daemon;

import java.util.List;
import lvsd.ipvs.IpvsOp;
import lvsd.ipvs.IpvsTable;

/**
 * The IPVS table as the daemon uses it: one dump per cycle, one batch of changes. The daemon implements it over
 * {@code IpvsClient}; tests implement it as a function over an in-memory table.
 */
public interface Kernel extends AutoCloseable {

    /** The whole table, services with their destinations. */
    IpvsTable table();

    /**
     * Applies {@code ops} in order as one batch. Ops the kernel refuses do not stop the others; each refusal comes
     * back as one line ({@code "-a -t ... : destination exists"}). An I/O failure of the socket itself throws.
     */
    List<String> apply(List<IpvsOp> ops);

    @Override
    default void close() {}
}
