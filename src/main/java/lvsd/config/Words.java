package lvsd.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a directive value into words: blanks separate, double or single quotes group, no escapes. An unterminated
 * quote is an {@link IllegalArgumentException}.
 */
public final class Words {
    private Words() {}

    public static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean in = false;
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    cur.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                in = true;
            } else if (Character.isWhitespace(c)) {
                if (in) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    in = false;
                }
            } else {
                cur.append(c);
                in = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unterminated quote in: " + s);
        }
        if (in) {
            out.add(cur.toString());
        }
        return out;
    }
}
