package lvsd.check.proto;

import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The receive= regex, compiled once per distinct text. ldirectord matches with Perl's {@code =~ /re/},
 * i.e. "found anywhere", which is {@link java.util.regex.Matcher#find()}.
 */
public final class Receive {
    private static final ConcurrentHashMap<String, Pattern> CACHE = new ConcurrentHashMap<>();

    private Receive() {
    }

    /** Throws PatternSyntaxException for a bad regex: the config layer calls this to validate. */
    public static Pattern compile(String regex) throws PatternSyntaxException {
        return CACHE.computeIfAbsent(regex, Pattern::compile);
    }

    public static boolean find(String regex, CharSequence text) {
        return compile(regex).matcher(text).find();
    }
}
