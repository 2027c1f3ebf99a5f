package lvsd.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** Test helpers: parse text under the name "t.cf" with the corpus name table. */
final class Parsing {
    private Parsing() {}

    static ParseResult parse(String text) {
        return new ConfigParser(StaticResolver.corpus()).parseText("t.cf", text);
    }

    /** Parses text that must have no errors and returns the model. */
    static Config ok(String text) {
        ParseResult r = parse(text);
        assertThat(r.errors()).as("errors").isEmpty();
        return r.config();
    }

    /** Every diagnostic as printed. */
    static List<String> messages(String text) {
        return parse(text).diagnostics().stream().map(Diagnostic::toString).toList();
    }

    static VirtualService only(String text) {
        Config c = ok(text);
        assertThat(c.virtuals()).hasSize(1);
        return c.virtuals().get(0);
    }
}
