package lvsd.config;

import java.net.Inet4Address;
import java.util.Objects;

/** One {@code virtual_ipaddress=addr[/len] [dev IF] [label L]} line; {@code dev} null = the instance's interface. */
public record VipSpec(Inet4Address address, int prefixLength, String dev, String label) {
    public VipSpec {
        Objects.requireNonNull(address, "address");
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("prefix length must be 0..32, got " + prefixLength);
        }
        if (label != null && label.length() > 15) {
            throw new IllegalArgumentException("label longer than 15 characters: " + label);
        }
    }

    @Override
    public String toString() {
        return address.getHostAddress() + "/" + prefixLength + (dev == null ? "" : " dev " + dev)
                + (label == null ? "" : " label " + label);
    }
}
