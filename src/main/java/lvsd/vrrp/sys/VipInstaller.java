package lvsd.vrrp.sys;

import lvsd.config.VipSpec;
import lvsd.vrrp.Applied;

/** Adds and removes virtual addresses on an interface (rtnetlink RTM_NEWADDR / RTM_DELADDR). */
public interface VipInstaller extends AutoCloseable {
    /** Adds the address; EEXIST is {@link Applied.AlreadyDone}. */
    Applied add(int ifindex, VipSpec vip);

    /** Removes the address; EADDRNOTAVAIL is {@link Applied.AlreadyDone}. */
    Applied remove(int ifindex, VipSpec vip);

    @Override
    void close();
}
