package lvsd.status;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.jr.ob.JSON;
import com.fasterxml.jackson.jr.ob.JacksonJrExtension;
import com.fasterxml.jackson.jr.ob.api.ExtensionContext;
import com.fasterxml.jackson.jr.ob.api.ReaderWriterModifier;
import com.fasterxml.jackson.jr.ob.impl.BeanPropertyIntrospector;
import com.fasterxml.jackson.jr.ob.impl.JSONReader;
import com.fasterxml.jackson.jr.ob.impl.JSONWriter;
import com.fasterxml.jackson.jr.ob.impl.POJODefinition;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The daemon status file's JSON (docs/status-json.md): one compact line, fields in record order, names in
 * snake_case, ending with a newline. Reading ignores fields it does not know, so an older {@code lvsd status}
 * still reads a newer daemon's file. jackson-jr, not databind: {@code lvsd status --health} reads this file
 * on every call, and databind's cold start costs several times more than the whole read.
 */
public final class StatusCodec {
    private StatusCodec() {}

    private static final JSON JSON_RW = JSON.builder()
            .register(new SnakeCaseNames())
            .enable(JSON.Feature.WRITE_NULL_PROPERTIES, JSON.Feature.WRITE_RECORD_FIELDS_IN_DECLARATION_ORDER)
            .disable(JSON.Feature.FAIL_ON_UNKNOWN_BEAN_PROPERTY)
            .build();

    public static String write(StatusSnapshot s) {
        try {
            return JSON_RW.asString(s) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("a status snapshot is plain records", e);
        }
    }

    /** One part of a snapshot (its checks, say) as JSON, named as in the whole document. */
    public static String writePart(Record part) {
        try {
            return JSON_RW.asString(part);
        } catch (IOException e) {
            throw new IllegalStateException("a status snapshot is plain records", e);
        }
    }

    /** Writes S as the next value of G, for documents that embed a snapshot (lvsd status --json --health). */
    public static void write(StatusSnapshot s, JsonGenerator g) throws IOException {
        JSON_RW.write(s, g);
    }

    /** Parses a status document; IllegalArgumentException saying why when it is not one. */
    public static StatusSnapshot read(String json) {
        StatusSnapshot s;
        try {
            s = JSON_RW.beanFrom(StatusSnapshot.class, json);
        } catch (IOException | RuntimeException e) {
            // a missing member reaches the records' null checks as a NullPointerException
            throw new IllegalArgumentException("not a status document: " + e.getMessage(), e);
        }
        if (s == null) {
            throw new IllegalArgumentException("not a status document: null");
        }
        return s;
    }

    /** Record components {@code configSha256} appear in JSON as {@code config_sha256}. */
    private static final class SnakeCaseNames extends JacksonJrExtension {
        @Override
        protected void register(ExtensionContext ctxt) {
            ctxt.insertModifier(new ReaderWriterModifier() {
                @Override
                public POJODefinition pojoDefinitionForDeserialization(JSONReader r, Class<?> type) {
                    return renamed(BeanPropertyIntrospector.instance().pojoDefinitionForDeserialization(r, type));
                }

                @Override
                public POJODefinition pojoDefinitionForSerialization(JSONWriter w, Class<?> type) {
                    return renamed(BeanPropertyIntrospector.instance().pojoDefinitionForSerialization(w, type));
                }
            });
        }

        private static POJODefinition renamed(POJODefinition d) {
            List<POJODefinition.Prop> props = new ArrayList<>();
            for (POJODefinition.Prop p : d.getProperties()) {
                props.add(new POJODefinition.Prop(snakeCase(p.name), p.name, p.field, p.setter, p.getter, p.isGetter,
                        p.aliases()));
            }
            return d.withProperties(props);
        }
    }

    static String snakeCase(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
