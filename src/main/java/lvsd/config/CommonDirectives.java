package lvsd.config;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Directives accepted both globally and in a virtual block with the same syntax; the typed value goes into the
 * block's layered map under the directive's name (see {@link Drafts#LAYERED}).
 */
final class CommonDirectives {
    private final Values values;
    private final Problems problems;

    CommonDirectives(Values values, Problems problems) {
        this.values = values;
        this.problems = problems;
    }

    /** Handles {@code l} if it is a shared directive; false if the key is not one. */
    boolean handle(Line l, Map<String, Object> layered) {
        Object v;
        switch (l.key()) {
            case "quiescent", "cleanstop" -> v = values.yesNo(l);
            case "checkinterval" -> v = values.seconds(l);
            case "checkcount" -> {
                v = values.count(l);
                problems.warn(l.pos(), "checkcount is deprecated in ldirectord (it only sets the number of ping"
                        + " attempts); see failurecount");
            }
            case "failurecount" -> v = values.count(l);
            case "rise" -> v = values.integer(l, 1, "a whole number greater than 0");
            case "drain" -> v = values.integer(l, 0, "a whole number of seconds (0 = off)");
            case "emailalert" -> v = values.text(l, "comma-separated e-mail addresses");
            case "emailalertfreq" -> v = values.ldInteger(l, 0, "a whole number of seconds (0 = no reminders)", true,
                    true);
            case "emailalertstatus" -> v = alertStates(l);
            case "smtp" -> {
                String s = values.text(l, "an SMTP server host name or address");
                v = s == null || s.matches("[0-9A-Za-z._+-]+") ? s : null;
                java.util.regex.Matcher host = s == null ? null
                        : java.util.regex.Pattern.compile("[0-9A-Za-z._+-]+").matcher(s);
                if (v == null && host != null && host.lookingAt()) {
                    // ldirectord reads the server name up to the first other character and always uses port 25
                    String rest = s.substring(host.end());
                    if (rest.equals(":25")) {
                        problems.warn(l.pos(), "smtp=" + s + " is read as the server " + host.group() + " (port 25),"
                                + " as ldirectord reads it; please write smtp=" + host.group());
                        v = host.group();
                    } else {
                        problems.error(l.pos(), "invalid SMTP server \"" + s + "\": ldirectord would silently send"
                                + " to " + host.group() + " on port 25, ignoring \"" + rest + "\"; write smtp="
                                + host.group() + (rest.startsWith(":") ? " (ldirectord's smtp= takes no port)" : ""));
                    }
                } else if (s != null && v == null) {
                    problems.error(l.pos(), "invalid SMTP server \"" + s + "\": expected a host name or IPv4"
                            + " address (letters, digits and . _ + -)");
                }
            }
            case "fallbackcommand" -> {
                // checked as a command here, where its line is known; the model splits the layered value again
                List<String> argv = values.command(l, "the command run as CMD start|stop VIP:VPORT PROTOCOL");
                v = argv == null ? null : Values.unquote(l.value());
            }
            default -> {
                return false;
            }
        }
        if (v != null) {
            layered.put(l.key(), v);
        }
        return true;
    }

    /** {@code all}, {@code none} or a comma list of starting, running, stopping, reloading. */
    private String alertStates(Line l) {
        String[] words = Values.unquote(l.value()).split("\\s*,\\s*");
        Set<AlertState> states = EnumSet.noneOf(AlertState.class);
        boolean none = false;
        for (String w : words) {
            switch (w) {
                case "none" -> none = true;
                case "all" -> states.addAll(EnumSet.allOf(AlertState.class));
                case "starting" -> states.add(AlertState.STARTING);
                case "running" -> states.add(AlertState.RUNNING);
                case "stopping" -> states.add(AlertState.STOPPING);
                case "reloading" -> states.add(AlertState.RELOADING);
                default -> {
                    problems.error(l.pos(), "invalid email alert status \"" + w + "\": expected all, none, or a"
                            + " comma-separated list of starting, running, stopping, reloading");
                    return null;
                }
            }
        }
        if (none && (words.length > 1)) {
            problems.error(l.pos(), "emailalertstatus \"none\" cannot be combined with other states");
            return null;
        }
        return states.isEmpty() ? "none" : states.stream().map(AlertState::word).collect(Collectors.joining(","));
    }

    static Set<AlertState> statesOf(String canonical) {
        Set<AlertState> s = EnumSet.noneOf(AlertState.class);
        if (!canonical.equals("none")) {
            for (String w : canonical.split(",")) {
                s.add(AlertState.valueOf(w.toUpperCase(java.util.Locale.ROOT)));
            }
        }
        return s;
    }
}
