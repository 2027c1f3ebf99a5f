package lvsd.config;

import java.util.Objects;

/** Where a configuration line came from; prints as {@code FILE:LINE}, the prefix of every config error. */
public record SourcePos(String file, int line) {
    public SourcePos {
        Objects.requireNonNull(file, "file");
        if (line < 1) {
            throw new IllegalArgumentException("line numbers start at 1, got " + line);
        }
    }

    @Override
    public String toString() {
        return file + ":" + line;
    }
}
