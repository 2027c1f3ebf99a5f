package lvsd.vrrp;

import java.net.Inet4Address;

/** Gratuitous ARP frames as keepalived sends them (vrrp.md §11.5): an ARP request for the VIP, from the VIP. */
public final class Garp {
    public static final int FRAME_LENGTH = 42;

    private Garp() {}

    /** Ethernet header + ARP request; sender and target IP = VIP, target MAC broadcast. */
    public static byte[] frame(byte[] mac, Inet4Address vip) {
        if (mac.length != 6) {
            throw new IllegalArgumentException("an Ethernet MAC has 6 bytes, got " + mac.length);
        }
        byte[] f = new byte[FRAME_LENGTH];
        byte[] ip = vip.getAddress();
        java.util.Arrays.fill(f, 0, 6, (byte) 0xFF); // Ethernet destination: broadcast
        System.arraycopy(mac, 0, f, 6, 6);
        f[12] = 0x08; // EtherType ARP
        f[13] = 0x06;
        f[15] = 1; // htype Ethernet
        f[16] = 0x08; // ptype IPv4
        f[18] = 6;
        f[19] = 4;
        f[21] = 1; // request
        System.arraycopy(mac, 0, f, 22, 6);
        System.arraycopy(ip, 0, f, 28, 4);
        java.util.Arrays.fill(f, 32, 38, (byte) 0xFF);
        System.arraycopy(ip, 0, f, 38, 4);
        return f;
    }
}
