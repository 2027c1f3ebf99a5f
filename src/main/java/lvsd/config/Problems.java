package lvsd.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects every diagnostic of one parse so that all problems are reported in one pass. */
final class Problems {
    private final List<Diagnostic> list = new ArrayList<>();

    void error(SourcePos pos, String message) {
        list.add(Diagnostic.error(pos, message));
    }

    void unavailable(SourcePos pos, String message) {
        list.add(Diagnostic.unavailable(pos, message));
    }

    void warn(SourcePos pos, String message) {
        list.add(Diagnostic.warning(pos, message));
    }

    void add(Diagnostic d) {
        list.add(d);
    }

    int errorCount() {
        return (int) list.stream().filter(Diagnostic::isError).count();
    }

    /** In line order; the sort is stable so problems of one line keep the order they were found in. */
    List<Diagnostic> sorted() {
        List<Diagnostic> out = new ArrayList<>(list);
        out.sort(Comparator.comparingInt(d -> d.pos().line()));
        return out;
    }
}
