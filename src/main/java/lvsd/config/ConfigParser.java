package lvsd.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The one parse of a config file: reads an ldirectord.cf (plus lvsd's extensions and the VRRP blocks) into a
 * {@link Config}, reporting every problem of the whole file in one pass as {@code FILE:LINE: ...}, in line order.
 * Every command (check-config, plan, reload, run, vrrp-run) goes through here, so they agree on what a file
 * means. Host and service names are resolved once, through the given {@link NameResolver}.
 */
public final class ConfigParser {
    private final NameResolver resolver;

    public ConfigParser(NameResolver resolver) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /** Parses with the system resolver. */
    public static ParseResult parse(Path file) {
        return new ConfigParser(NameResolver.system()).parseFile(file);
    }

    /**
     * A config file is at most this large: far above any real one (10,000 virtuals take about 2 MiB), far below
     * what would crowd the daemon's heap. A larger file is one error at line 1.
     */
    public static final int MAX_FILE_BYTES = 16 * 1024 * 1024;
    /** A line is at most this long; a longer one is an error at its line. */
    public static final int MAX_LINE_CHARS = 64 * 1024;

    /**
     * Reads at most {@link #MAX_FILE_BYTES} + 1 bytes of {@code file}, so a huge file (or /dev/zero) costs no
     * more memory than the cap; {@link #parseBytes} rejects what is over it.
     */
    public static byte[] readCapped(Path file) throws IOException {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(MAX_FILE_BYTES + 1);
        }
    }

    /** Parses {@code file}; an unreadable file is one error at line 1. */
    public ParseResult parseFile(Path file) {
        byte[] content;
        try {
            content = readCapped(file);
        } catch (IOException | java.io.UncheckedIOException e) {
            String why = e instanceof java.nio.file.NoSuchFileException ? "no such file"
                    : String.valueOf(e.getMessage());
            return unreadable(file.toString(), why);
        }
        return parseBytes(file.toString(), content);
    }

    /** Parses the bytes of a file already read (the daemon reads it itself); they must be UTF-8. */
    public ParseResult parseBytes(String file, byte[] content) {
        if (content.length > MAX_FILE_BYTES) {
            return unreadable(file, "it is larger than " + (MAX_FILE_BYTES >> 20) + " MiB");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content))
                    .toString();
        } catch (CharacterCodingException e) {
            return unreadable(file, "not valid UTF-8 text");
        }
        return parseText(file, text);
    }

    private static ParseResult unreadable(String file, String why) {
        return ParseResult.of(null, List.of(Diagnostic.error(new SourcePos(file, 1),
                "cannot read the configuration file: " + why)));
    }

    /** Parses text already read; {@code file} is the name used in messages. */
    public ParseResult parseText(String file, String text) {
        return parseLines(file, splitLines(text));
    }

    /**
     * Lines as {@link String#lines()} splits them (at LF, CR LF or a lone CR), except that a line ended by CR LF
     * keeps its CR: the lexer warns about it, since ldirectord keeps it as part of the value.
     */
    static List<String> splitLines(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                out.add(text.substring(start, i));
                start = i + 1;
            } else if (c == '\r') {
                if (i + 1 < n && text.charAt(i + 1) == '\n') {
                    out.add(text.substring(start, i + 1));
                    i++;
                } else {
                    out.add(text.substring(start, i));
                }
                start = i + 1;
            }
        }
        if (start < n) {
            out.add(text.substring(start));
        }
        return out;
    }

    private ParseResult parseLines(String file, List<String> lines) {
        List<Diagnostic> overlong = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).length() > MAX_LINE_CHARS) {
                overlong.add(Diagnostic.error(new SourcePos(file, i + 1),
                        "the line is longer than " + MAX_LINE_CHARS + " characters"));
            }
        }
        if (!overlong.isEmpty()) {
            return ParseResult.of(null, overlong);
        }
        Problems problems = new Problems();
        Values values = new Values(problems);
        Hosts hosts = new Hosts(resolver, problems);
        EndpointParser endpoints = new EndpointParser(hosts, problems);
        CommonDirectives common = new CommonDirectives(values, problems);
        GlobalParser globals = new GlobalParser(problems, values, endpoints, common);
        VirtualParser virtuals = new VirtualParser(problems, values, hosts, endpoints, common);

        List<Drafts.Virtual> drafts = new ArrayList<>();
        List<RawBlock> raw = new ArrayList<>();
        // globals may follow virtual blocks and still apply to them, so blocks are only read here and
        // assembled after the whole file
        for (Lexed item : new ConfigLexer(file, problems).lex(lines)) {
            if (item instanceof Lexed.Global gl) {
                globals.line(gl.line());
            } else if (item instanceof Lexed.Block b && b.kind() == Lexed.BlockKind.VIRTUAL) {
                drafts.add(virtuals.parse(b));
            } else if (item instanceof Lexed.Block b) {
                rawBlock(b, problems, raw);
            }
        }
        ModelBuilder builder = new ModelBuilder(problems, hosts, resolver);
        GlobalSettings g = builder.globals(globals.draft());
        List<VirtualService> built = new ArrayList<>();
        for (Drafts.Virtual d : drafts) {
            VirtualService vs = builder.virtual(d, globals.draft(), g);
            if (vs != null) {
                built.add(vs);
            }
        }
        built = builder.dropDuplicates(built);
        // track_virtual is checked against the virtuals only when the rest of the file has no errors; otherwise a
        // broken virtual block would also show up as a second, misleading "no virtual of that name"
        Set<String> trackable = null;
        if (problems.errorCount() == 0 && !raw.isEmpty()) {
            trackable = new HashSet<>();
            for (VirtualService vs : built) {
                trackable.addAll(vs.trackNames());
            }
        }
        VrrpConfigParser.Result vrrp = VrrpConfigParser.parse(raw, trackable);
        vrrp.diagnostics().forEach(problems::add);
        Config config = problems.errorCount() == 0 ? new Config(file, g, built, vrrp.config(), raw) : null;
        ParseResult result = ParseResult.of(config, problems.sorted());
        return Boolean.TRUE.equals(globals.draft().strict) ? result.asStrict() : result;
    }

    private static void rawBlock(Lexed.Block b, Problems problems, List<RawBlock> out) {
        Line h = b.header();
        if (h.value().isEmpty()) {
            problems.error(h.pos(), h.key() + " needs a name, e.g. " + h.key() + "=NAME");
            return;
        }
        out.add(new RawBlock(h.key(), h.value(), h.pos(), b.body().stream().map(Line::directive).toList()));
    }
}
