package lvsd.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonWriterTest {

    @Test
    void escapesEverythingJsonRequires() {
        assertThat(JsonWriter.write("a\"b\\c\nd\te\u0001f\u2028"))
                .isEqualTo("\"a\\\"b\\\\c\\nd\\te\\u0001f\\u2028\"\n");
    }

    @Test
    void keepsKeyOrderAndIndents() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("z", 1);
        m.put("a", Arrays.asList(true, null, "x"));
        m.put("e", Map.of());
        m.put("l", List.of());
        assertThat(JsonWriter.write(m)).isEqualTo("""
                {
                  "z": 1,
                  "a": [
                    true,
                    null,
                    "x"
                  ],
                  "e": {},
                  "l": []
                }
                """);
    }

    @Test
    void refusesUnknownTypes() {
        assertThatThrownBy(() -> JsonWriter.write(new Object())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dumpIsDeterministic() {
        String text = "virtual=192.0.2.1:80\n\treal=192.0.2.10 gate\n\temailalertstatus=reloading,starting\n";
        String a = ConfigJson.dump(Parsing.ok(text));
        String b = ConfigJson.dump(Parsing.ok(text));
        assertThat(a).isEqualTo(b).contains("\"states\": [\n          \"starting\",\n          \"reloading\"\n");
    }
}
