package lvsd.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ldirectord.cf corpus: every good/NAME.cf parses without errors to exactly good/NAME.json (and the
 * warnings in good/NAME.warnings, if any); every bad/NAME.cf yields exactly the lines of bad/NAME.expected.
 * Files are parsed under the name "NAME.cf" so messages are stable; names resolve through
 * {@link StaticResolver#corpus()}.
 */
class CorpusTest {

    static Path dir(String sub) throws URISyntaxException {
        return Path.of(CorpusTest.class.getResource("/ldirectord/" + sub).toURI());
    }

    static Stream<String> good() throws Exception {
        return names("good");
    }

    static Stream<String> bad() throws Exception {
        return names("bad");
    }

    private static Stream<String> names(String sub) throws Exception {
        try (Stream<Path> s = Files.list(dir(sub))) {
            List<String> names = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".cf"))
                    .map(n -> n.substring(0, n.length() - 3)).sorted().toList();
            assertThat(names).as("corpus " + sub).isNotEmpty();
            return names.stream();
        }
    }

    static ParseResult parse(String sub, String name) throws Exception {
        String text = Files.readString(dir(sub).resolve(name + ".cf"), StandardCharsets.UTF_8);
        return new ConfigParser(StaticResolver.corpus()).parseText(name + ".cf", text);
    }

    private static String read(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
    }

    @ParameterizedTest(name = "good/{0}.cf")
    @MethodSource("good")
    void goodFileParsesToTheExpectedModel(String name) throws Exception {
        ParseResult r = parse("good", name);
        assertThat(r.errors()).as("errors").isEmpty();
        assertThat(ConfigJson.dump(r.config())).isEqualTo(read(dir("good").resolve(name + ".json")));
        assertThat(r.warnings().stream().map(Diagnostic::toString).toList())
                .containsExactlyElementsOf(read(dir("good").resolve(name + ".warnings")).lines().toList());
    }

    @ParameterizedTest(name = "bad/{0}.cf")
    @MethodSource("bad")
    void badFileGivesTheExpectedMessages(String name) throws Exception {
        ParseResult r = parse("bad", name);
        assertThat(r.ok()).isFalse();
        List<String> expected = read(dir("bad").resolve(name + ".expected")).lines().toList();
        assertThat(expected).as("bad/" + name + ".expected").isNotEmpty();
        assertThat(r.diagnostics().stream().map(Diagnostic::toString).toList()).containsExactlyElementsOf(expected);
    }
}
