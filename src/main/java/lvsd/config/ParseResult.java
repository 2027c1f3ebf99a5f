package lvsd.config;

import java.util.List;
import java.util.Objects;

/**
 * What {@link ConfigParser} found: the model (null exactly when there is at least one error) and every
 * diagnostic, errors and warnings, in line order. {@code strict}: strict mode was asked for ({@code strict=yes}
 * in the file, or {@link #asStrict}), so every warning has been made an error.
 */
public record ParseResult(Config config, List<Diagnostic> diagnostics, boolean strict) {

    public ParseResult(Config config, List<Diagnostic> diagnostics) {
        this(config, diagnostics, false);
    }

    public ParseResult {
        diagnostics = List.copyOf(diagnostics);
        boolean errors = diagnostics.stream().anyMatch(Diagnostic::isError);
        if (errors == (config != null)) {
            throw new IllegalArgumentException("a config exactly when there are no errors");
        }
    }

    public boolean ok() {
        return config != null;
    }

    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(Diagnostic::isError).toList();
    }

    /**
     * Whether every error is the world's fault (a name that could not be resolved now, {@link
     * Diagnostic.Severity#UNAVAILABLE}): the same file may parse later, so a start fails with exit status 1, not 2.
     */
    public boolean retryable() {
        List<Diagnostic> e = errors();
        return !e.isEmpty() && e.stream().allMatch(d -> d.severity() == Diagnostic.Severity.UNAVAILABLE);
    }

    public List<Diagnostic> warnings() {
        return diagnostics.stream().filter(d -> !d.isError()).toList();
    }

    /** The model, or a {@link ConfigException} carrying every diagnostic. */
    public Config orThrow() throws ConfigException {
        if (config == null) {
            throw new ConfigException(diagnostics);
        }
        return config;
    }

    /**
     * Strict mode ({@code lvsd check-config --strict}, {@code strict=yes}): the same diagnostics with every
     * warning made an error, so a file with any warning is refused.
     */
    public ParseResult asStrict() {
        List<Diagnostic> all = promote(diagnostics);
        boolean errors = all.stream().anyMatch(Diagnostic::isError);
        return new ParseResult(errors ? null : config, all, true);
    }

    /** Every warning of {@code diagnostics} as an error saying that strict mode made it one. */
    public static List<Diagnostic> promote(List<Diagnostic> diagnostics) {
        return diagnostics.stream().map(d -> d.isError() ? d
                : Diagnostic.error(d.pos(), "strict: " + d.message())).toList();
    }

    static ParseResult of(Config config, List<Diagnostic> diagnostics) {
        Objects.requireNonNull(diagnostics);
        return new ParseResult(config, diagnostics);
    }
}
