package lvsd.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import lvsd.ipvs.Addresses;
import lvsd.ipvs.DestinationState;
import lvsd.ipvs.Family;
import lvsd.ipvs.IpvsTable;
import lvsd.ipvs.IpvsadmSyntax;
import lvsd.ipvs.Service;
import lvsd.ipvs.ServiceKey;
import lvsd.ipvs.ServiceState;
import lvsd.ipvs.Stats;
import lvsd.status.StatusCodec;
import lvsd.status.StatusSnapshot;

/**
 * The {@code lvsd status --json} document, schema "lvsd.status/1" (docs/status-json.md), written with Jackson's
 * streaming generator (jackson-core only on the status command's fast path) and laid out one service per line,
 * one destination per line, by {@link Lines}. Field names and types are stable; new fields may be added, none
 * are renamed or removed within version 1.
 */
final class StatusJson {
    private StatusJson() {}

    private static final JsonFactory FACTORY = new JsonFactory();

    static String render(IpvsTable t) {
        return render(t, false, null);
    }

    /**
     * With {@code withDaemon} the document gains a "daemon" member after "services": the running daemon's
     * status snapshot (docs/status-json.md), or null when none runs, for {@code lvsd status --json --health}.
     */
    static String render(IpvsTable t, boolean withDaemon, StatusSnapshot daemon) {
        StringWriter out = new StringWriter(512 + t.services().size() * 600);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.setPrettyPrinter(new Lines());
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
            if (withDaemon) {
                g.writeFieldName("daemon");
                if (daemon == null) {
                    g.writeNull();
                } else {
                    StatusCodec.write(daemon, g);
                }
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a string", e);
        }
        return out.append('\n').toString();
    }

    /**
     * Compact JSON, except that each service starts a line (and the services array ends on its own line) and
     * each destination starts an indented line.
     */
    private static final class Lines extends MinimalPrettyPrinter {
        private static final long serialVersionUID = 1L;

        private enum Level { SERVICES, DESTINATIONS, OTHER }

        private static Level level(JsonGenerator g) {
            JsonStreamContext array = g.getOutputContext();
            JsonStreamContext owner = array.getParent();
            if (owner == null || !owner.inObject()) {
                return Level.OTHER;
            }
            JsonStreamContext up = owner.getParent();
            if ("services".equals(owner.getCurrentName()) && up != null && up.inRoot()) {
                return Level.SERVICES;
            }
            if ("destinations".equals(owner.getCurrentName()) && up != null && up.inArray()
                    && up.getParent() != null && "services".equals(up.getParent().getCurrentName())) {
                return Level.DESTINATIONS;
            }
            return Level.OTHER;
        }

        @Override
        public void beforeArrayValues(JsonGenerator g) throws IOException {
            switch (level(g)) {
                case SERVICES -> g.writeRaw('\n');
                case DESTINATIONS -> g.writeRaw("\n  ");
                default -> { }
            }
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            switch (level(g)) {
                case SERVICES -> g.writeRaw(",\n");
                case DESTINATIONS -> g.writeRaw(",\n  ");
                default -> g.writeRaw(',');
            }
        }

        @Override
        public void writeEndArray(JsonGenerator g, int nrOfValues) throws IOException {
            g.writeRaw(level(g) == Level.SERVICES && nrOfValues > 0 ? "\n]" : "]");
        }
    }

    private static void service(JsonGenerator g, ServiceState st) throws IOException {
        Service s = st.service();
        ServiceKey k = s.key();
        g.writeStartObject();
        g.writeStringField("family", k.family() == Family.INET6 ? "inet6" : "inet");
        if (k.isFwmark()) {
            g.writeNumberField("fwmark", k.fwmark());
        } else {
            g.writeStringField("protocol", k.protocol().name().toLowerCase());
            g.writeStringField("address", Addresses.format(k.address()));
            g.writeNumberField("port", k.port());
        }
        g.writeStringField("scheduler", s.scheduler());
        g.writeNumberField("flags", s.flags());
        g.writeStringField("schedulerFlags", IpvsadmSyntax.schedulerFlags(s.scheduler(), s.flags()));
        g.writeBooleanField("onePacket", s.onePacket());
        g.writeBooleanField("persistent", s.persistent());
        unsigned(g, "persistenceTimeout", s.timeout());
        g.writeStringField("netmask", IpvsadmSyntax.netmask(k.family(), s.netmask()));
        g.writeStringField("pe", s.peName());
        stats(g, st.stats());
        g.writeArrayFieldStart("destinations");
        for (DestinationState d : st.destinations()) {
            g.writeStartObject();
            g.writeStringField("address", Addresses.format(d.destination().address()));
            g.writeNumberField("port", d.destination().port());
            g.writeStringField("forwarding", d.destination().forwarding().label().toLowerCase());
            g.writeNumberField("weight", d.destination().weight());
            unsigned(g, "upperThreshold", d.destination().upperThreshold());
            unsigned(g, "lowerThreshold", d.destination().lowerThreshold());
            g.writeNumberField("activeConns", d.activeConns());
            g.writeNumberField("inactiveConns", d.inactiveConns());
            g.writeNumberField("persistentConns", d.persistentConns());
            stats(g, d.stats());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void unsigned(JsonGenerator g, String name, int value) throws IOException {
        g.writeFieldName(name);
        g.writeNumber(Integer.toUnsignedString(value));
    }

    private static void unsigned(JsonGenerator g, String name, long value) throws IOException {
        g.writeFieldName(name);
        g.writeNumber(Long.toUnsignedString(value));
    }

    private static void stats(JsonGenerator g, Stats s) throws IOException {
        g.writeObjectFieldStart("stats");
        unsigned(g, "conns", s.conns());
        unsigned(g, "inPackets", s.inPkts());
        unsigned(g, "outPackets", s.outPkts());
        unsigned(g, "inBytes", s.inBytes());
        unsigned(g, "outBytes", s.outBytes());
        unsigned(g, "cps", s.cps());
        unsigned(g, "inPps", s.inPps());
        unsigned(g, "outPps", s.outPps());
        unsigned(g, "inBps", s.inBps());
        unsigned(g, "outBps", s.outBps());
        g.writeEndObject();
    }
}
