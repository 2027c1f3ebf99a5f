package lvsd.testing;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.OptionalInt;
import lvsd.config.NameResolver;

/**
 * A resolver for tests that only answer host names their own way (slow, failing, counting): no service names,
 * and the machine is "director".
 */
public abstract class HostsOnlyResolver implements NameResolver {

    /** {@code name} at 10.0.0.{@code last}, made without a lookup. */
    public static Optional<InetAddress> at(String name, int last) {
        try {
            return Optional.of(InetAddress.getByAddress(name, new byte[] {10, 0, 0, (byte) last}));
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public OptionalInt service(String name, String protocol) {
        return OptionalInt.empty();
    }

    @Override
    public String localHostName() {
        return "director";
    }
}
