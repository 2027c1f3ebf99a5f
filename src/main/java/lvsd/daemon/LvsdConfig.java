package lvsd.daemon;

import java.util.Objects;
import lvsd.config.Config;
import lvsd.vrrp.VrrpConfig;

/** One config file as the daemon runs it: the ldirectord part and the VRRP blocks of the same file. */
public record LvsdConfig(Config config, VrrpConfig vrrp) {
    public LvsdConfig {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(vrrp, "vrrp");
    }
}
