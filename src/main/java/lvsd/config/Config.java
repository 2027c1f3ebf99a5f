package lvsd.config;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A parsed ldirectord.cf, the whole file: globals, virtual services in file order, and the VRRP model of its
 * {@code vrrp_instance=}/{@code vrrp_script=}/{@code vrrp_sync_group=} blocks. {@code extraBlocks} are those
 * blocks as the lexer saw them (for the {@code --dump}); nothing interprets them any more. Virtual keys are unique.
 */
public record Config(String file, GlobalSettings globals, List<VirtualService> virtuals, VrrpConfig vrrp,
                     List<RawBlock> extraBlocks) {

    public Config {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(globals, "globals");
        Objects.requireNonNull(vrrp, "vrrp");
        virtuals = List.copyOf(virtuals);
        extraBlocks = List.copyOf(extraBlocks);
        Set<VirtualKey> seen = new HashSet<>();
        for (VirtualService v : virtuals) {
            if (!seen.add(v.key())) {
                throw new IllegalArgumentException("duplicate virtual " + v.key());
            }
        }
    }

    /** The extra blocks of one kind, e.g. {@code "vrrp_instance"}, in file order. */
    public List<RawBlock> extraBlocks(String kind) {
        return extraBlocks.stream().filter(b -> b.kind().equals(kind)).toList();
    }
}
