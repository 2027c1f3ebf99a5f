package lvsd.check;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;

/** The address and port a check talks to (the real server's check port, not the forwarded one). */
public record Target(InetAddress address, int port) {
    public Target {
        Objects.requireNonNull(address, "address");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range 0..65535: " + port);
        }
    }

    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(address, port);
    }

    /** {@code 10.0.0.1:80} or {@code [::1]:80}, the form the logs and the config use. */
    @Override
    public String toString() {
        String a = address.getHostAddress();
        return (a.indexOf(':') >= 0 ? "[" + a + "]" : a) + ":" + port;
    }
}
