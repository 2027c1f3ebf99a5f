package lvsd.config;

import java.util.Objects;

/** A problem found in a configuration file; prints as {@code FILE:LINE: message} (warnings say so). */
public record Diagnostic(Severity severity, SourcePos pos, String message) {

    /**
     * ERROR: the file is wrong. UNAVAILABLE: an error too, but the world's fault, not the file's (a name could
     * not be resolved now): retrying the same file later may succeed.
     */
    public enum Severity { ERROR, UNAVAILABLE, WARNING }

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

    public static Diagnostic unavailable(SourcePos pos, String message) {
        return new Diagnostic(Severity.UNAVAILABLE, pos, message);
    }

    public boolean isError() {
        return severity != Severity.WARNING;
    }

    @Override
    public String toString() {
        return pos + ": " + (severity == Severity.WARNING ? "warning: " : "") + message;
    }
}
