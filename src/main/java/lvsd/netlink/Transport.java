package lvsd.netlink;

/**
 * The system-call edge under {@link NetlinkSocket}: one bound netlink socket. The real one is
 * {@code lvsd.netlink.sys.NetlinkFd}; tests plug in a function that plays the kernel.
 */
public interface Transport extends AutoCloseable {

    /** Sends one datagram (one or more concatenated messages) to the kernel. */
    void send(byte[] data, int length) throws NetlinkException;

    /** Receives one datagram into {@code into}; returns its length. Blocks until data or the receive timeout. */
    int receive(byte[] into) throws NetlinkException;

    /** The port id the kernel assigned to this socket (echoed in the pid field of replies). */
    int portId();

    @Override
    void close();
}
