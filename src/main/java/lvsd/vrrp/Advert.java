package lvsd.vrrp;

import java.net.Inet4Address;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One VRRP advertisement as it travels on the wire (IPv4 only). The interval is kept in centiseconds for
 * both versions: a v2 advert's whole seconds are multiplied by 100 so the state machine has one unit.
 *
 * @param authType v2 only: 0 none, 1 simple password; always 0 for v3
 * @param authData v2 only: the 8 authentication bytes (password zero padded); empty for v3
 */
public record Advert(int version, int vrid, int priority, int intervalCs, List<Inet4Address> addresses,
                     int authType, byte[] authData) {

    public static final int AUTH_NONE = 0;
    public static final int AUTH_PASS = 1;

    public Advert {
        if (version != 2 && version != 3) {
            throw new IllegalArgumentException("VRRP version must be 2 or 3, got " + version);
        }
        check(vrid, 1, 255, "VRID");
        check(priority, 0, 255, "priority");
        if (version == 2) {
            check(intervalCs, 100, 25500, "v2 advert interval (cs)");
            if (intervalCs % 100 != 0) {
                throw new IllegalArgumentException("v2 advert interval must be whole seconds, got " + intervalCs + " cs");
            }
            Objects.requireNonNull(authData, "authData");
            if (authData.length != 8) {
                throw new IllegalArgumentException("v2 authentication data is 8 bytes, got " + authData.length);
            }
            authData = authData.clone();
        } else {
            check(intervalCs, 1, 4095, "v3 advert interval (cs)");
            if (authType != AUTH_NONE) {
                throw new IllegalArgumentException("VRRPv3 has no authentication");
            }
            authData = new byte[0];
        }
        check(authType, 0, 255, "auth type");
        addresses = List.copyOf(addresses);
        check(addresses.size(), 0, 255, "address count");
    }

    private static void check(int v, int lo, int hi, String what) {
        if (v < lo || v > hi) {
            throw new IllegalArgumentException(what + " must be " + lo + ".." + hi + ", got " + v);
        }
    }

    /** Password bytes as sent: at most 8 bytes, zero padded (keepalived truncates longer ones the same way). */
    public static byte[] passwordBytes(String password) {
        byte[] out = new byte[8];
        if (password != null) {
            byte[] p = password.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            System.arraycopy(p, 0, out, 0, Math.min(8, p.length));
        }
        return out;
    }

    /** A copy with another priority (priority 0 when resigning). */
    public Advert withPriority(int p) {
        return new Advert(version, vrid, p, intervalCs, addresses, authType, authData);
    }

    @Override
    public byte[] authData() {
        return authData.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Advert a && version == a.version && vrid == a.vrid && priority == a.priority
                && intervalCs == a.intervalCs && addresses.equals(a.addresses) && authType == a.authType
                && Arrays.equals(authData, a.authData);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, vrid, priority, intervalCs, addresses, authType) * 31 + Arrays.hashCode(authData);
    }

    @Override
    public String toString() {
        return "Advert[v" + version + " vrid " + vrid + " prio " + priority + " int " + intervalCs + "cs "
                + addresses + (authType != 0 ? " auth " + authType : "") + "]";
    }
}
