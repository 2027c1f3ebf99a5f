package lvsd.vrrp.sys;

import lvsd.config.vrrp.VipSpec;
import lvsd.vrrp.VrrpIoException;

/** Adds and removes virtual addresses on an interface (rtnetlink RTM_NEWADDR / RTM_DELADDR). */
public interface VipInstaller extends AutoCloseable {
    /** Adds the address; EEXIST counts as success. */
    void add(int ifindex, VipSpec vip) throws VrrpIoException;

    /** Removes the address; EADDRNOTAVAIL counts as success. */
    void remove(int ifindex, VipSpec vip) throws VrrpIoException;

    @Override
    void close();
}
