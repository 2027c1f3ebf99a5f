package lvsd.daemon;

import lvsd.ipvs.IpvsClient;
import lvsd.ipvs.IpvsException;
import lvsd.ipvs.SyncDaemon;
import lvsd.vrrp.ConnectionSync;

/**
 * keepalived's lvs_sync_daemon: the IPVS connection sync daemon follows an instance's role, so established
 * connections survive a failover. Called from the VRRP thread, so it has its own netlink socket (a netlink
 * socket has one owner; the loop thread owns the table's). Opened at the first role change.
 */
public final class IpvsConnectionSync implements ConnectionSync, AutoCloseable {

    private final IpvsKernel.Opener opener;
    private IpvsClient client;

    public IpvsConnectionSync(IpvsKernel.Opener opener) {
        this.opener = opener;
    }

    @Override
    public synchronized void becomeMaster(String iface, int syncId) throws IpvsException {
        stopQuietly(SyncDaemon.Role.BACKUP);
        start(new SyncDaemon(SyncDaemon.Role.MASTER, iface, syncId, 0, null, 0, 0));
    }

    @Override
    public synchronized void becomeBackup(String iface, int syncId) throws IpvsException {
        stopQuietly(SyncDaemon.Role.MASTER);
        start(new SyncDaemon(SyncDaemon.Role.BACKUP, iface, syncId, 0, null, 0, 0));
    }

    @Override
    public synchronized void stop(String iface, int syncId) throws IpvsException {
        stopQuietly(SyncDaemon.Role.MASTER);
        stopQuietly(SyncDaemon.Role.BACKUP);
    }

    private void start(SyncDaemon d) throws IpvsException {
        try {
            client().startDaemon(d);
        } catch (IpvsException e) {
            if (e.kind() != IpvsException.Kind.EXISTS) {
                throw e;
            }
        }
    }

    private void stopQuietly(SyncDaemon.Role role) throws IpvsException {
        try {
            client().stopDaemon(role);
        } catch (IpvsException e) {
            if (e.kind() == IpvsException.Kind.NOT_AVAILABLE || e.kind() == IpvsException.Kind.PERMISSION_DENIED) {
                throw e;
            }
            // not running: nothing to stop
        }
    }

    private IpvsClient client() throws IpvsException {
        if (client == null) {
            client = opener.open();
        }
        return client;
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
