package lvsd.config;

import java.util.List;
import java.util.stream.Collectors;

/** A configuration file has errors; the message lists every one as {@code FILE:LINE: ...}, one per line. */
public final class ConfigException extends Exception {

    private final transient List<Diagnostic> diagnostics;

    public ConfigException(List<Diagnostic> diagnostics) {
        super(diagnostics.stream().filter(Diagnostic::isError).map(Diagnostic::toString)
                .collect(Collectors.joining("\n")));
        this.diagnostics = List.copyOf(diagnostics);
    }

    /** Errors and warnings, in line order. */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
