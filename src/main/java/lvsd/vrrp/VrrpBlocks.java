package lvsd.vrrp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lvsd.config.Directive;
import lvsd.config.RawBlock;
import lvsd.config.SourcePos;

/**
 * Reads only the VRRP blocks of an ldirectord.cf-style file, for {@code lvsd vrrp-run} until the daemon's
 * full config parser hands VRRP its blocks. Same rules: a block starts in column 0 with {@code kind=NAME};
 * its lines are indented; {@code #} starts a comment; a line without {@code =} is a flag with an empty value.
 */
public final class VrrpBlocks {
    private VrrpBlocks() {}

    public static List<RawBlock> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<RawBlock> blocks = new ArrayList<>();
        String kind = null;
        String name = null;
        SourcePos start = null;
        List<Directive> ds = new ArrayList<>();
        String f = file.toString();
        for (int n = 0; n < lines.size(); n++) {
            String raw = lines.get(n);
            int hash = raw.indexOf('#');
            String line = (hash >= 0 ? raw.substring(0, hash) : raw).stripTrailing();
            if (line.isBlank()) {
                continue;
            }
            boolean indented = Character.isWhitespace(line.charAt(0));
            String text = line.strip();
            int eq = text.indexOf('=');
            String key = (eq < 0 ? text : text.substring(0, eq)).strip();
            String value = eq < 0 ? "" : text.substring(eq + 1).strip();
            if (!indented) {
                if (kind != null) {
                    blocks.add(new RawBlock(kind, name, start, ds));
                }
                kind = null;
                if (key.startsWith("vrrp_")) {
                    kind = key;
                    name = value;
                    start = new SourcePos(f, n + 1);
                    ds = new ArrayList<>();
                }
            } else if (kind != null) {
                ds.add(new Directive(key, value, new SourcePos(f, n + 1)));
            }
        }
        if (kind != null) {
            blocks.add(new RawBlock(kind, name, start, ds));
        }
        return blocks;
    }
}
