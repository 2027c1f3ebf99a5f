package lvsd.config;

import java.util.List;

/**
 * Strict readers for directive values. Each reports a {@code FILE:LINE} error and returns null on bad input.
 * ldirectord reads many numbers with an unanchored {@code (\d+)}, so "checktimeout=3s" silently meant 3 and
 * "checktype=connect2" meant combined 2; lvsd requires the whole value to be the number.
 */
final class Values {
    private final Problems problems;

    Values(Problems problems) {
        this.problems = problems;
    }

    Boolean yesNo(Line l) {
        String v = unquote(l.value());
        if (v.equals("yes")) {
            return Boolean.TRUE;
        }
        if (v.equals("no")) {
            return Boolean.FALSE;
        }
        problems.error(l.pos(), l.key() + " must be 'yes' or 'no', got \"" + l.value() + "\"");
        return null;
    }

    /** A whole number >= {@code min} (and <= Integer.MAX_VALUE); {@code what} completes "KEY must be ...". */
    Integer integer(Line l, int min, String what) {
        String v = unquote(l.value());
        if (v.matches("\\d{1,10}")) {
            long n = Long.parseLong(v);
            if (n >= min && n <= Integer.MAX_VALUE) {
                return (int) n;
            }
        }
        problems.error(l.pos(), l.key() + " must be " + what + ", got \"" + l.value() + "\"");
        return null;
    }

    Integer seconds(Line l) {
        return integer(l, 1, "a whole number of seconds greater than 0");
    }

    Integer count(Line l) {
        return integer(l, 1, "a whole number greater than 0");
    }

    /**
     * A value that must be in double quotes (ldirectord matches {@code key="(.*)"} and rejects anything else as
     * an unknown command); an empty string is rejected with {@code emptyMessage} unless that is null.
     */
    String quoted(Line l, String emptyMessage) {
        String v = l.value();
        if (v.length() < 2 || v.charAt(0) != '"' || v.charAt(v.length() - 1) != '"') {
            problems.error(l.pos(), l.key() + " needs its value in double quotes, e.g. " + l.key() + "=\"" + v
                    + "\" (ldirectord rejects an unquoted value)");
            return null;
        }
        String inner = v.substring(1, v.length() - 1);
        if (inner.isEmpty() && emptyMessage != null) {
            problems.error(l.pos(), emptyMessage);
            return null;
        }
        return inner;
    }

    /** A non-empty value; surrounding double quotes, if both present, are removed. */
    String text(Line l, String what) {
        String v = unquote(l.value());
        if (v.isEmpty()) {
            problems.error(l.pos(), l.key() + " needs a value: " + what);
            return null;
        }
        return v;
    }

    /**
     * A command as an argv (blanks separate words, quotes group them; see {@link Words}), or null after an error
     * at {@code l}. Outer double quotes, which ldirectord's syntax allows around the whole value, are removed
     * first.
     */
    List<String> command(Line l, String what) {
        String text = text(l, what);
        if (text == null) {
            return null;
        }
        List<String> argv;
        try {
            argv = Words.split(text);
        } catch (IllegalArgumentException e) {
            problems.error(l.pos(), l.key() + ": " + e.getMessage());
            return null;
        }
        if (argv.isEmpty()) {
            problems.error(l.pos(), l.key() + " needs a value: " + what);
            return null;
        }
        return argv;
    }

    static String unquote(String v) {
        if (v.length() >= 2 && v.charAt(0) == '"' && v.charAt(v.length() - 1) == '"') {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }
}
