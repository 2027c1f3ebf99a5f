package lvsd.config;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One IPVS scheduler flag of {@code schedflags=} (ipvsadm's {@code -b}): the three generic flags and the names the
 * sh and mh schedulers give flags 1 and 2.
 */
public enum SchedFlag {
    FLAG_1("flag-1", "sh-fallback", "mh-fallback"),
    FLAG_2("flag-2", "sh-port", "mh-port"),
    FLAG_3("flag-3");

    /** Every accepted name, for messages. */
    public static final String NAMES = "flag-1, flag-2, flag-3, sh-fallback, sh-port, mh-fallback, mh-port";

    private final List<String> names;

    SchedFlag(String... names) {
        this.names = List.of(names);
    }

    /** The flag a name (any case) stands for. */
    public static Optional<SchedFlag> named(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (SchedFlag f : values()) {
            if (f.names.contains(n)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** A comma list as ipvsadm takes it (empty items skipped); empty when a name is unknown. */
    public static Optional<Set<SchedFlag>> parseList(String text) {
        Set<SchedFlag> out = EnumSet.noneOf(SchedFlag.class);
        for (String item : text.split(",")) {
            if (item.isBlank()) {
                continue;
            }
            Optional<SchedFlag> f = named(item);
            if (f.isEmpty()) {
                return Optional.empty();
            }
            out.add(f.get());
        }
        return Optional.of(out);
    }
}
