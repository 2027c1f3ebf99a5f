package lvsd.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The daemon status file's JSON (docs/status-json.md): one compact line, fields in record order, names in
 * snake_case, ending with a newline. Reading ignores fields it does not know, so an older {@code lvsd status}
 * still reads a newer daemon's file.
 */
public final class StatusCodec {
    private StatusCodec() {}

    /** Shared: ObjectMapper is thread-safe once configured, and building one costs start-up time. */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    public static String write(StatusSnapshot s) {
        try {
            return MAPPER.writeValueAsString(s) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a status snapshot is plain records", e);
        }
    }

    /** Parses a status document; IllegalArgumentException with Jackson's location when it is not one. */
    public static StatusSnapshot read(String json) {
        try {
            StatusSnapshot s = MAPPER.readValue(json, StatusSnapshot.class);
            if (s == null) {
                throw new IllegalArgumentException("not a status document: null");
            }
            return s;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a status document: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at offset " + e.getLocation().getCharOffset()), e);
        }
    }

    /** The mapper, for writers that embed a snapshot in a larger document (lvsd status --json --health). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
