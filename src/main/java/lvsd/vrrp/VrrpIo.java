package lvsd.vrrp;

import java.net.Inet4Address;
import lvsd.config.VipSpec;

/**
 * Everything {@link VrrpService} does to the outside world, so the engine runs the same against Linux
 * ({@code lvsd.vrrp.sys.LinuxVrrpIo}) and against an in-memory network in tests. Used from one thread.
 */
public interface VrrpIo extends AutoCloseable {

    /** A received IPv4 packet (IP header included) and the interface it came in on. */
    record Packet(String iface, byte[] data, int length) {}

    /** Prepares sending and receiving adverts on {@code iface}; joins 224.0.0.18 there if {@code multicast}. */
    void open(String iface, boolean multicast) throws VrrpIoException;

    /** Waits at most {@code timeoutNanos} for a packet; null on timeout or {@link #wakeup()}. */
    Packet receive(long timeoutNanos) throws VrrpIoException;

    /** Makes a waiting {@link #receive} return early. Any thread may call it. */
    void wakeup();

    /** Sends a complete IPv4 packet (our header, TTL 255) out of {@code iface} to {@code dst}. */
    void send(String iface, byte[] ipPacket, Inet4Address dst) throws VrrpIoException;

    /** Sends one gratuitous ARP for {@code vip} out of {@code iface}. */
    void garp(String iface, Inet4Address vip) throws VrrpIoException;

    /** Adds a VIP; already present is {@link Applied.AlreadyDone}. */
    Applied addVip(String dev, VipSpec vip);

    /** Removes a VIP; already absent is {@link Applied.AlreadyDone}. */
    Applied removeVip(String dev, VipSpec vip);

    /** The interface's primary IPv4 address, or null if it has none. */
    Inet4Address primaryAddress(String iface) throws VrrpIoException;

    /** Whether the interface is up with carrier. */
    boolean linkUp(String iface);

    @Override
    void close();
}
