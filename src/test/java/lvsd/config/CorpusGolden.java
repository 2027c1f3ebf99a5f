package lvsd.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Prints what the corpus test would compare, for writing a new expectation by hand-review:
 * {@code java -cp ... lvsd.config.CorpusGolden good|bad NAME}. Not a test; never writes files.
 */
final class CorpusGolden {
    public static void main(String[] args) throws Exception {
        Path f = Path.of("src/test/resources/ldirectord", args[0], args[1] + ".cf");
        ParseResult r = new ConfigParser(StaticResolver.corpus())
                .parseText(args[1] + ".cf", Files.readString(f, StandardCharsets.UTF_8));
        r.diagnostics().forEach(d -> System.err.println(d));
        if (r.ok()) {
            System.out.print(ConfigJson.dump(r.config()));
        }
    }
}
