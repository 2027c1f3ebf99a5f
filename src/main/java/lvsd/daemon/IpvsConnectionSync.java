package lvsd.daemon;

import lvsd.ipvs.IpvsClient;
import lvsd.ipvs.IpvsException;
import lvsd.ipvs.SyncDaemon;
import lvsd.vrrp.Applied;
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
    public synchronized Applied becomeMaster(String iface, int syncId) {
        return switchTo(SyncDaemon.Role.BACKUP, new SyncDaemon(SyncDaemon.Role.MASTER, iface, syncId, 0, null, 0, 0));
    }

    @Override
    public synchronized Applied becomeBackup(String iface, int syncId) {
        return switchTo(SyncDaemon.Role.MASTER, new SyncDaemon(SyncDaemon.Role.BACKUP, iface, syncId, 0, null, 0, 0));
    }

    @Override
    public synchronized Applied stop(String iface, int syncId) {
        try {
            boolean stoppedOne = stopRole(SyncDaemon.Role.MASTER) | stopRole(SyncDaemon.Role.BACKUP);
            return stoppedOne ? Applied.OK : Applied.ALREADY_DONE;
        } catch (IpvsException e) {
            return new Applied.Refused(e.getMessage());
        }
    }

    private Applied switchTo(SyncDaemon.Role other, SyncDaemon d) {
        try {
            stopRole(other);
            client().startDaemon(d);
            return Applied.OK;
        } catch (IpvsException e) {
            return e.kind() == IpvsException.Kind.EXISTS ? Applied.ALREADY_DONE : new Applied.Refused(e.getMessage());
        }
    }

    /** Stops the daemon of {@code role}; false when it was not running. */
    private boolean stopRole(SyncDaemon.Role role) throws IpvsException {
        try {
            client().stopDaemon(role);
            return true;
        } catch (IpvsException e) {
            if (e.kind() == IpvsException.Kind.NOT_AVAILABLE || e.kind() == IpvsException.Kind.PERMISSION_DENIED) {
                throw e;
            }
            return false; // not running: nothing to stop
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
