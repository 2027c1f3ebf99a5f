package lvsd.director;

import lvsd.config.VrrpConfig;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import lvsd.config.CheckService;
import lvsd.config.CheckSettings;
import lvsd.config.CheckType;
import lvsd.config.Config;
import lvsd.config.EmailAlert;
import lvsd.config.Fallback;
import lvsd.config.GlobalSettings;
import lvsd.config.RealServer;
import lvsd.config.SourcePos;
import lvsd.config.VirtualKey;
import lvsd.config.VirtualService;
import lvsd.inet.Addresses;
import lvsd.inet.Family;
import lvsd.inet.Forwarding;
import lvsd.inet.Protocol;
import lvsd.ipvs.Destination;
import lvsd.ipvs.DestinationState;
import lvsd.ipvs.IpvsInfo;
import lvsd.ipvs.IpvsTable;
import lvsd.ipvs.Service;
import lvsd.ipvs.ServiceKey;
import lvsd.ipvs.ServiceState;
import lvsd.ipvs.Stats;

/** Small builders for configuration models and kernel tables, so test rows read like ldirectord.cf and ipvsadm. */
final class Fixtures {

    private Fixtures() {}

    static final SourcePos POS = new SourcePos("test.cf", 1);
    static final EmailAlert NO_MAIL = new EmailAlert("", 0, Set.of(), Optional.empty(), Optional.empty());

    static InetAddress ip(String s) {
        return Addresses.parse(s);
    }

    /** A virtual block under construction; the defaults are ldirectord's. */
    static final class V {
        VirtualKey key;
        String scheduler = "wrr";
        OptionalInt persistent = OptionalInt.empty();
        Optional<String> netmask = Optional.empty();
        Optional<String> schedFlags = Optional.empty();
        boolean ops;
        boolean quiescent = true;
        boolean cleanStop = true;
        int drain;
        CheckType checkType = CheckType.NEGOTIATE;
        Optional<Fallback> fallback = Optional.empty();
        Optional<String> fallbackCommand = Optional.empty();
        final List<RealServer> reals = new ArrayList<>();

        V(VirtualKey key) {
            this.key = key;
        }

        V sched(String s) { scheduler = s; return this; }
        V persistent(int seconds) { persistent = OptionalInt.of(seconds); return this; }
        V netmask(String m) { netmask = Optional.of(m); return this; }
        V quiescent(boolean q) { quiescent = q; return this; }
        V cleanStop(boolean c) { cleanStop = c; return this; }
        V drain(int seconds) { drain = seconds; return this; }
        V checkType(CheckType t) { checkType = t; return this; }
        V fallback(String ipPort, Forwarding f) {
            HostPort hp = HostPort.parse(ipPort);
            fallback = Optional.of(new Fallback(ip(hp.host), hp.port, f, Fallback.WEIGHT, POS));
            return this;
        }
        V fallbackCommand(String c) { fallbackCommand = Optional.of(c); return this; }

        V real(String ipPort, Forwarding f, int weight) {
            return real(ipPort, f, weight, 0, 0);
        }

        V real(String ipPort, Forwarding f, int weight, int lower, int upper) {
            HostPort hp = HostPort.parse(ipPort);
            reals.add(new RealServer(ip(hp.host), hp.port, f, weight, lower, upper, Optional.empty(),
                    Optional.empty(), hp.port, POS));
            return this;
        }

        VirtualService build() {
            CheckSettings check = new CheckSettings(checkType, 0, CheckService.NONE, 0, "/", "", "GET",
                    Optional.empty(), "", "", "", "", "/bin/true", List.of("/bin/true"), 10, 5, 30, 1, 1, 1);
            // the typed values the parser would have derived from the text
            OptionalInt netmaskValue = netmask.isEmpty() ? OptionalInt.empty()
                    : OptionalInt.of(netmask.get().contains(".")
                            ? java.nio.ByteBuffer.wrap(ip(netmask.get()).getAddress()).getInt()
                            : Integer.parseInt(netmask.get()));
            return new VirtualService(POS, key, scheduler, persistent, netmask, netmaskValue, schedFlags,
                    schedFlags.map(f -> lvsd.config.SchedFlag.parseList(f).orElseThrow()).orElse(Set.of()), ops,
                    quiescent, cleanStop, drain, check, fallback, fallbackCommand,
                    fallbackCommand.map(lvsd.config.Words::split).orElse(List.of()), NO_MAIL, Optional.empty(),
                    Optional.empty(),
                    Optional.empty(), reals);
        }
    }

    record HostPort(String host, int port) {
        static HostPort parse(String s) {
            int colon = s.lastIndexOf(':');
            String host = s.substring(0, colon);
            if (host.startsWith("[")) {
                host = host.substring(1, host.length() - 1);
            }
            return new HostPort(host, Integer.parseInt(s.substring(colon + 1)));
        }
    }

    static V tcp(String ipPort) {
        HostPort hp = HostPort.parse(ipPort);
        return new V(VirtualKey.of(Protocol.TCP, ip(hp.host), hp.port));
    }

    static V udp(String ipPort) {
        HostPort hp = HostPort.parse(ipPort);
        return new V(VirtualKey.of(Protocol.UDP, ip(hp.host), hp.port));
    }

    static V fwm(long mark) {
        return new V(VirtualKey.fwmark(Family.INET, mark));
    }

    static Config config(boolean readdQuiescent, boolean cleanStop, V... virtuals) {
        GlobalSettings g = new GlobalSettings(false, Optional.empty(), List.of(), cleanStop, "/var/log/ldirectord.log",
                false, false, Optional.empty(), Optional.empty(), readdQuiescent, false, NO_MAIL, 10, OptionalInt.empty(),
                OptionalInt.empty(), 1, 1, Optional.empty(), Optional.empty(), Optional.empty(), List.of(), 0, 1, false);
        List<VirtualService> vs = new ArrayList<>();
        for (V v : virtuals) {
            vs.add(v.build());
        }
        return new Config("test.cf", g, vs, lvsd.config.VrrpConfig.EMPTY, List.of());
    }

    static Config config(V... virtuals) {
        return config(false, true, virtuals);
    }

    // ---- kernel tables ----

    static ServiceKey tcpKey(String ipPort) {
        HostPort hp = HostPort.parse(ipPort);
        return ServiceKey.of(Protocol.TCP, ip(hp.host), hp.port);
    }

    static ServiceState ksvc(Service s, DestinationState... dests) {
        return new ServiceState(s, Stats.ZERO, List.of(dests));
    }

    static Service kservice(String ipPort, String sched) {
        return Service.of(tcpKey(ipPort), sched);
    }

    static DestinationState kdest(String ipPort, Forwarding f, int weight) {
        return kdest(ipPort, f, weight, 0, 0);
    }

    static DestinationState kdest(String ipPort, Forwarding f, int weight, long active, long inactive) {
        HostPort hp = HostPort.parse(ipPort);
        return new DestinationState(new Destination(ip(hp.host), hp.port, f, weight, 0, 0), active, inactive, 0,
                Stats.ZERO);
    }

    static IpvsTable table(ServiceState... services) {
        return new IpvsTable(new IpvsInfo(0x010201, 4096), List.of(services));
    }
}
