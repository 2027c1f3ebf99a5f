package lvsd.config;

import static lvsd.config.Parsing.messages;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Hostile or broken config input ends in a {@code file:line} error, never in an activation crash or an OOM. */
class InputLimitsTest {

    private static final String V = "virtual=192.0.2.1:80\n\treal=192.0.2.10 gate\n\tchecktype=external\n";

    @Test
    void aBlankCheckcommandIsAParseError() {
        assertThat(messages(V + "\tcheckcommand=\"  \"\n"))
                .containsExactly("t.cf:4: checkcommand needs a value: the program run for checktype=external");
        assertThat(messages(V + "\tcheckcommand=\"\"\n")).hasSize(1).allMatch(m -> m.startsWith("t.cf:4: "));
    }

    @Test
    void aBlankGlobalCheckcommandIsAParseError() {
        assertThat(messages("checkcommand=\"   \"\n" + V)).hasSize(1).allMatch(m -> m.startsWith("t.cf:1: "));
    }

    @Test
    void aLineLongerThan64KiBIsOneErrorAtItsLine() {
        char[] pad = new char[ConfigParser.MAX_LINE_CHARS + 1];
        Arrays.fill(pad, 'x');
        String text = V + "\t# " + new String(pad) + "\n";
        assertThat(new ConfigParser(StaticResolver.corpus()).parseBytes("t.cf", text.getBytes(StandardCharsets.UTF_8))
                .diagnostics().stream().map(Diagnostic::toString).toList())
                .containsExactly("t.cf:4: the line is longer than 65536 characters");
    }

    @Test
    void aFileLargerThan16MiBIsRejectedBeforeItIsDecoded() {
        byte[] big = new byte[ConfigParser.MAX_FILE_BYTES + 1];
        Arrays.fill(big, (byte) '\n');
        assertThat(new ConfigParser(StaticResolver.corpus()).parseBytes("t.cf", big)
                .diagnostics().stream().map(Diagnostic::toString).toList())
                .containsExactly("t.cf:1: cannot read the configuration file: it is larger than 16 MiB");
    }

    @Test
    void aFileLargerThan16MiBOnDiskIsNotReadWhole() throws Exception {
        java.nio.file.Path f = java.nio.file.Files.createTempFile("lvsd-big", ".cf");
        try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(100L * 1024 * 1024); // sparse: 100 MiB of zeros costs no disk
        }
        try {
            assertThat(new ConfigParser(StaticResolver.corpus()).parseFile(f).diagnostics().stream()
                    .map(Diagnostic::toString).toList())
                    .containsExactly(f + ":1: cannot read the configuration file: it is larger than 16 MiB");
        } finally {
            java.nio.file.Files.delete(f);
        }
    }
}
