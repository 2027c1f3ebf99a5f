package lvsd.config;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
        if (v.equals("yes") || v.equals("no")) {
            String ld = l.ldValue();
            if (!ld.equals("yes") && !ld.equals("no") && !ld.contains("#")) {
                problems.warn(l.pos(), l.key() + ": lvsd reads \"" + v + "\", but ldirectord compares the value"
                        + " exactly and would reject \"" + visible(ld) + "\" (" + why(ld) + ")");
            }
            return v.equals("yes");
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
        return ldInteger(l, 1, "a whole number of seconds greater than 0", true, false);
    }

    /** A count of an ldirectord directive (failurecount, checkcount). */
    Integer count(Line l) {
        return ldInteger(l, 1, "a whole number greater than 0", false, false);
    }

    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final Pattern SECONDS_UNIT = Pattern.compile("(?i)\\s*(s|secs?|seconds?)");
    private static final Pattern MINUTES_UNIT = Pattern.compile("(?i)\\s*(m|mins?|minutes?)");
    private static final Pattern HOURS_UNIT = Pattern.compile("(?i)\\s*(h|hours?)");

    /**
     * A whole number of an ldirectord directive. ldirectord takes the first run of digits anywhere in the value
     * ({@code leadingOnly}: only at its start). When the rest is a seconds unit ({@code 3s}, {@code 3 sec}) of a
     * value in seconds, that reading is what the writer meant: accepted, with a warning. Any other extra text
     * ({@code 10m}, {@code 3.5}, {@code 10x}) is refused, saying what ldirectord would have read.
     */
    Integer ldInteger(Line l, int min, String what, boolean seconds, boolean leadingOnly) {
        String v = unquote(l.value());
        if (v.matches("\\d{1,10}")) {
            return integer(l, min, what);
        }
        Matcher m = DIGITS.matcher(v);
        if (!m.find() || (leadingOnly && m.start() > 0) || m.group().length() > 10) {
            return integer(l, min, what);
        }
        String digits = m.group();
        String before = v.substring(0, m.start());
        String after = v.substring(m.end());
        long n = Long.parseLong(digits);
        if (seconds && before.isEmpty() && SECONDS_UNIT.matcher(after).matches() && n >= min
                && n <= Integer.MAX_VALUE) {
            problems.warn(l.pos(), l.key() + "=" + l.value() + " is read as " + n + " seconds, as ldirectord reads"
                    + " it; please write " + l.key() + "=" + n);
            return (int) n;
        }
        String hint = "";
        if (seconds && before.isEmpty() && MINUTES_UNIT.matcher(after).matches()) {
            hint = "; for " + n + " minutes write " + l.key() + "=" + n * 60;
        } else if (seconds && before.isEmpty() && HOURS_UNIT.matcher(after).matches()) {
            hint = "; for " + n + " hours write " + l.key() + "=" + n * 3600;
        }
        problems.error(l.pos(), l.key() + " must be " + what + ", got \"" + l.value() + "\": ldirectord would"
                + " silently read it as " + l.key() + "=" + digits + (seconds ? " (seconds)" : "") + ", ignoring \""
                + (before + " " + after).strip() + "\"" + hint + "; write the number alone");
        return null;
    }

    /** A value with its CR and tabs made visible. */
    static String visible(String s) {
        return s.replace("\r", "\\r").replace("\t", "\\t");
    }

    private static String why(String ld) {
        if (ld.endsWith("\r")) {
            return "the CR of a DOS line ending is part of it";
        }
        if (!ld.equals(ld.stripTrailing())) {
            return "trailing blanks are part of it";
        }
        if (ld.startsWith("\"")) {
            return "the quotes are part of it";
        }
        return "it is not exactly yes or no";
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
