package lvsd.director;

import java.net.InetAddress;
import java.util.List;

/**
 * The host names a real server is known by, for the maintenancedir rules. The daemon builds this once per
 * configuration (from the names written in the file, or one reverse lookup per address at load time), never per
 * check.
 */
@FunctionalInterface
public interface HostNames {

    HostNames NONE = a -> List.of();

    List<String> of(InetAddress address);
}
