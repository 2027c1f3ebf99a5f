package lvsd.config;

import java.util.List;
import java.util.Objects;

/**
 * A top-level block whose kind the ldirectord grammar does not define (for example {@code vrrp_instance=VI_1}
 * followed by indented lines). The config parser collects such blocks unchanged; the subsystem that owns the
 * kind (VRRP) turns them into its own model and reports errors with each directive's position.
 */
public record RawBlock(String kind, String name, SourcePos pos, List<Directive> directives) {
    public RawBlock {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pos, "pos");
        directives = List.copyOf(directives);
    }
}
