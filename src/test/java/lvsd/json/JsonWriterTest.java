package lvsd.json;

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
}
