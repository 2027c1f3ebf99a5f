package lvsd.daemon;

import java.util.Objects;
import lvsd.config.Config;
import lvsd.config.VrrpConfig;

/** One config file as the daemon runs it: the whole file's model, VRRP included. */
public record LvsdConfig(Config config) {
    public LvsdConfig {
        Objects.requireNonNull(config, "config");
    }

    public VrrpConfig vrrp() {
        return config.vrrp();
    }
}
