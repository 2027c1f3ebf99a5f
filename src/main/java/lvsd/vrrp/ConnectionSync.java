package lvsd.vrrp;

/**
 * The IPVS connection sync daemon, switched with an instance's role (keepalived's {@code lvs_sync_daemon}) so
 * established connections survive a failover. Implemented by the daemon on top of the IPVS client; VRRP-only
 * nodes use {@link #NONE}. Calls come from the VRRP thread and should not block for long; a failure is a
 * {@link Applied.Refused}, not an exception.
 */
public interface ConnectionSync {
    Applied becomeMaster(String iface, int syncId);

    Applied becomeBackup(String iface, int syncId);

    Applied stop(String iface, int syncId);

    ConnectionSync NONE = new ConnectionSync() {
        @Override
        public Applied becomeMaster(String iface, int syncId) {
            return Applied.OK;
        }

        @Override
        public Applied becomeBackup(String iface, int syncId) {
            return Applied.OK;
        }

        @Override
        public Applied stop(String iface, int syncId) {
            return Applied.OK;
        }
    };
}
