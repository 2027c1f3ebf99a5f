package lvsd.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import lvsd.inet.Addresses;
import lvsd.inet.Family;
import lvsd.ipvs.DestinationState;
import lvsd.ipvs.IpvsTable;
import lvsd.ipvs.Service;
import lvsd.ipvs.ServiceKey;
import lvsd.ipvs.ServiceState;
import lvsd.ipvs.Stats;
import lvsd.ipvsadm.IpvsadmSyntax;
import lvsd.status.StatusCodec;
import lvsd.status.StatusSnapshot;

/**
 * The {@code lvsd status --json} document, schema "lvsd.status/1" (docs/status-json.md), written with
 * jackson-core's streaming generator (one service per line, each destination on a line of its own). The daemon
 * member of {@code --json --health} is the status snapshot written by {@link StatusCodec}. Field names and types
 * are stable; new fields may be added, none are renamed or removed within version 1.
 */
final class StatusJson {
    private static final JsonFactory JSON = new JsonFactory();

    /** Compact JSON, but each service starts a line and each destination an indented one. */
    private static final class OneServicePerLine extends MinimalPrettyPrinter {
        private static boolean services(JsonGenerator g) {
            return g.getOutputContext().getParent().getParent().inRoot();
        }

        private static String lineBreak(JsonGenerator g) {
            return services(g) ? "\n" : "\n  ";
        }

        @Override
        public void beforeArrayValues(JsonGenerator g) throws IOException {
            g.writeRaw(lineBreak(g));
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(',');
            g.writeRaw(lineBreak(g));
        }

        @Override
        public void writeEndArray(JsonGenerator g, int values) throws IOException {
            g.writeRaw(values > 0 && services(g) ? "\n]" : "]");
        }
    }

    private StatusJson() {}

    static String render(IpvsTable t) {
        return render(t, null);
    }

    /**
     * With {@code daemons} (the daemons' view) the document gains two members after "services": "daemon", the
     * first running daemon's status snapshot (docs/status-json.md) or null when none runs, and "daemons", every
     * running daemon's, ordered by config file ({@code lvsd status --json --health}, {@code -f FILE --json}).
     */
    static String render(IpvsTable t, List<StatusSnapshot> daemons) {
        StringWriter out = new StringWriter(512 + t.services().size() * 600);
        try (JsonGenerator g = JSON.createGenerator(out).setPrettyPrinter(new OneServicePerLine())) {
            g.writeStartObject();
            g.writeStringField("schema", "lvsd.status/1");
            g.writeObjectFieldStart("ipvs");
            g.writeStringField("version", t.info().versionString());
            g.writeFieldName("connTableSize");
            g.writeNumber(Integer.toUnsignedString(t.info().connTableSize()));
            g.writeEndObject();
            g.writeArrayFieldStart("services");
            for (ServiceState s : t.services()) {
                service(g, s);
            }
            g.writeEndArray();
            if (daemons != null) {
                g.writeFieldName("daemon");
                if (daemons.isEmpty()) {
                    g.writeNull();
                } else {
                    g.writeRawValue(StatusCodec.write(daemons.get(0)).strip());
                }
                g.writeArrayFieldStart("daemons");
                for (StatusSnapshot d : daemons) {
                    g.writeRawValue(StatusCodec.write(d).strip());
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.append('\n').toString();
    }

    private static void service(JsonGenerator g, ServiceState st) throws IOException {
        Service s = st.service();
        ServiceKey k = s.key();
        g.writeStartObject();
        g.writeStringField("family", k.family() == Family.INET6 ? "inet6" : "inet");
        if (k.isFwmark()) {
            g.writeNumberField("fwmark", k.fwmark());
        } else {
            g.writeStringField("protocol", k.protocol().name().toLowerCase(Locale.ROOT));
            g.writeStringField("address", Addresses.numeric(k.address()));
            g.writeNumberField("port", k.port());
        }
        g.writeStringField("scheduler", s.scheduler());
        g.writeNumberField("flags", s.flags());
        g.writeStringField("schedulerFlags", IpvsadmSyntax.schedulerFlags(s.scheduler(), s.flags()));
        g.writeBooleanField("onePacket", s.onePacket());
        g.writeBooleanField("persistent", s.persistent());
        unsigned(g, "persistenceTimeout", Integer.toUnsignedString(s.timeout()));
        g.writeStringField("netmask", IpvsadmSyntax.netmask(k.family(), s.netmask()));
        g.writeStringField("pe", s.peName());
        g.writeFieldName("stats");
        stats(g, st.stats());
        g.writeArrayFieldStart("destinations");
        for (DestinationState d : st.destinations()) {
            g.writeStartObject();
            g.writeStringField("address", Addresses.numeric(d.destination().address()));
            g.writeNumberField("port", d.destination().port());
            g.writeStringField("forwarding", d.destination().forwarding().label().toLowerCase(Locale.ROOT));
            g.writeNumberField("weight", d.destination().weight());
            unsigned(g, "upperThreshold", Integer.toUnsignedString(d.destination().upperThreshold()));
            unsigned(g, "lowerThreshold", Integer.toUnsignedString(d.destination().lowerThreshold()));
            g.writeNumberField("activeConns", d.activeConns());
            g.writeNumberField("inactiveConns", d.inactiveConns());
            g.writeNumberField("persistentConns", d.persistentConns());
            g.writeFieldName("stats");
            stats(g, d.stats());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void stats(JsonGenerator g, Stats s) throws IOException {
        g.writeStartObject();
        unsigned(g, "conns", Long.toUnsignedString(s.conns()));
        unsigned(g, "inPackets", Long.toUnsignedString(s.inPkts()));
        unsigned(g, "outPackets", Long.toUnsignedString(s.outPkts()));
        unsigned(g, "inBytes", Long.toUnsignedString(s.inBytes()));
        unsigned(g, "outBytes", Long.toUnsignedString(s.outBytes()));
        unsigned(g, "cps", Long.toUnsignedString(s.cps()));
        unsigned(g, "inPps", Long.toUnsignedString(s.inPps()));
        unsigned(g, "outPps", Long.toUnsignedString(s.outPps()));
        unsigned(g, "inBps", Long.toUnsignedString(s.inBps()));
        unsigned(g, "outBps", Long.toUnsignedString(s.outBps()));
        g.writeEndObject();
    }

    /** The kernel's counters are unsigned: written as their unsigned decimal text. */
    private static void unsigned(JsonGenerator g, String name, String digits) throws IOException {
        g.writeFieldName(name);
        g.writeNumber(digits);
    }
}
