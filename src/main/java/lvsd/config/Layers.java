package lvsd.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.configuration2.CompositeConfiguration;
import org.apache.commons.configuration2.MapConfiguration;

/**
 * The per-virtual → global → built-in default lookup, done with commons-configuration2's
 * {@link CompositeConfiguration} (the first layer that has a key wins) and its typed getters. Values were
 * validated, with their line numbers, before they reached the maps, so lookups here cannot fail on syntax.
 * Strings are read with getProperty: getString would expand "${...}", which belongs to a shell command.
 */
final class Layers {

    /** ldirectord's set_defaults() and per-virtual defaults, plus lvsd's drain and rise. */
    static final Map<String, Object> DEFAULTS = Map.of(
            "quiescent", false,
            "cleanstop", true,
            "checkinterval", 10,
            "checkcount", 1,
            "failurecount", 1,
            "emailalert", "",
            "emailalertfreq", 0,
            "emailalertstatus", "starting,running,stopping,reloading",
            "drain", 0,
            "rise", 1);

    private final CompositeConfiguration config;

    private Layers(List<Map<String, Object>> layers) {
        config = new CompositeConfiguration();
        for (Map<String, Object> m : layers) {
            config.addConfiguration(new MapConfiguration(new HashMap<>(m)));
        }
    }

    /** The global layer over the defaults. */
    static Layers global(Map<String, Object> global) {
        return new Layers(List.of(global, DEFAULTS));
    }

    /** A virtual's own layer over the global layer over the defaults. */
    static Layers virtual(Map<String, Object> virtual, Map<String, Object> global) {
        return new Layers(List.of(virtual, global, DEFAULTS));
    }

    boolean bool(String key) {
        return config.getBoolean(key);
    }

    int integer(String key) {
        return config.getInt(key);
    }

    String string(String key) {
        return String.valueOf(config.getProperty(key));
    }

    Optional<String> optionalString(String key) {
        Object v = config.getProperty(key);
        return v == null ? Optional.empty() : Optional.of(String.valueOf(v));
    }
}
