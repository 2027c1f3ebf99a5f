package lvsd.config;

/** A recoverable problem with one directive: reported at its line, and the directive is skipped. */
final class BadValue extends Exception {
    BadValue(String m) {
        super(m, null, false, false);
    }
}
