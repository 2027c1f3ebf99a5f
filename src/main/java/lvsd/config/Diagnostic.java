package lvsd.config;

import java.util.Objects;

/** A problem found in a configuration file; prints as {@code FILE:LINE: message} (warnings say so). */
public record Diagnostic(Severity severity, SourcePos pos, String message) {

    public enum Severity { ERROR, WARNING }

    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(pos, "pos");
        Objects.requireNonNull(message, "message");
    }

    public static Diagnostic error(SourcePos pos, String message) {
        return new Diagnostic(Severity.ERROR, pos, message);
    }

    public static Diagnostic warning(SourcePos pos, String message) {
        return new Diagnostic(Severity.WARNING, pos, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        return pos + ": " + (severity == Severity.WARNING ? "warning: " : "") + message;
    }
}
