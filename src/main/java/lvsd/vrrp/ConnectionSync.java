package lvsd.vrrp;

/**
 * The IPVS connection sync daemon, switched with an instance's role (keepalived's {@code lvs_sync_daemon}) so
 * established connections survive a failover. Implemented by the daemon on top of the IPVS client; VRRP-only
 * nodes use {@link #NONE}. Calls come from the VRRP thread and should not block for long.
 */
public interface ConnectionSync {
    void becomeMaster(String iface, int syncId) throws Exception;

    void becomeBackup(String iface, int syncId) throws Exception;

    void stop(String iface, int syncId) throws Exception;

    ConnectionSync NONE = new ConnectionSync() {
        @Override
        public void becomeMaster(String iface, int syncId) {}

        @Override
        public void becomeBackup(String iface, int syncId) {}

        @Override
        public void stop(String iface, int syncId) {}
    };
}
