package lvsd.ipvs;

import java.net.InetAddress;
import java.util.Objects;

/**
 * A connection synchronisation daemon (ipvsadm --start-daemon). Optional fields: maxLen 0, group null,
 * port 0 and ttl 0 mean "kernel default" in a request.
 */
public record SyncDaemon(Role role, String interfaceName, int syncId, int maxLen, InetAddress group, int port,
        int ttl) {

    public enum Role {
        MASTER(1), BACKUP(2);

        private final int code;

        Role(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        public static Role fromCode(int code) {
            return switch (code) {
                case 1 -> MASTER;
                case 2 -> BACKUP;
                default -> throw new IllegalArgumentException("unknown sync daemon state " + code);
            };
        }
    }

    public SyncDaemon {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(interfaceName, "interfaceName");
        if (syncId < 0 || syncId > 255) {
            throw new IllegalArgumentException("syncid must be 0..255");
        }
    }

    public static SyncDaemon of(Role role, String interfaceName, int syncId) {
        return new SyncDaemon(role, interfaceName, syncId, 0, null, 0, 0);
    }
}
