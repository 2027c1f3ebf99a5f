package lvsd.vrrp;

import java.math.BigDecimal;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lvsd.config.Diagnostic;
import lvsd.config.Directive;
import lvsd.config.RawBlock;
import lvsd.config.SourcePos;

/**
 * Turns the {@code vrrp_instance=}, {@code vrrp_script=} and {@code vrrp_sync_group=} blocks of an ldirectord.cf
 * file into a {@link VrrpConfig}. Every problem becomes a {@code FILE:LINE: what and why} diagnostic; the config
 * is usable only when no diagnostic is an error. The grammar is documented in docs/vrrp.md.
 */
public final class VrrpConfigParser {

    public static final String INSTANCE = "vrrp_instance";
    public static final String SCRIPT = "vrrp_script";
    public static final String SYNC_GROUP = "vrrp_sync_group";

    /** The model (partial if there are errors) and every diagnostic in file order. */
    public record Result(VrrpConfig config, List<Diagnostic> diagnostics) {
        public boolean ok() {
            return diagnostics.stream().noneMatch(Diagnostic::isError);
        }
    }

    private final List<Diagnostic> diags = new ArrayList<>();

    private VrrpConfigParser() {}

    /** The blocks VRRP owns (kinds starting {@code vrrp_}) among a config file's extra blocks, in file order. */
    public static List<RawBlock> vrrpBlocks(List<RawBlock> extraBlocks) {
        return extraBlocks.stream().filter(b -> b.kind().startsWith("vrrp_")).toList();
    }

    public static Result parse(List<RawBlock> blocks) {
        return new VrrpConfigParser().run(blocks);
    }

    /** A recoverable problem with one directive: reported, the directive is skipped. */
    private static final class Bad extends Exception {
        Bad(String m) {
            super(m, null, false, false);
        }
    }

    private Result run(List<RawBlock> blocks) {
        Map<String, ScriptConfig> scripts = new LinkedHashMap<>();
        List<RawBlock> instanceBlocks = new ArrayList<>();
        List<RawBlock> groupBlocks = new ArrayList<>();
        for (RawBlock b : blocks) {
            if (!validName(b.name())) {
                error(b.pos(), b.kind() + " needs a name of letters, digits, '_', '-' or '.', got '" + b.name() + "'");
                continue;
            }
            switch (b.kind()) {
                case SCRIPT -> {
                    ScriptConfig s = script(b);
                    if (s != null && scripts.putIfAbsent(s.name(), s) != null) {
                        error(b.pos(), "vrrp_script " + b.name() + " is defined twice");
                    }
                }
                case INSTANCE -> instanceBlocks.add(b);
                case SYNC_GROUP -> groupBlocks.add(b);
                default -> error(b.pos(), "unknown block kind '" + b.kind() + "' (VRRP knows " + INSTANCE + ", "
                        + SCRIPT + ", " + SYNC_GROUP + ")");
            }
        }
        List<InstanceConfig> instances = new ArrayList<>();
        Map<String, InstanceConfig> byName = new HashMap<>();
        Map<String, SourcePos> vrids = new HashMap<>();
        for (RawBlock b : instanceBlocks) {
            InstanceConfig ic = instance(b, scripts);
            if (ic == null) {
                continue;
            }
            if (byName.putIfAbsent(ic.name(), ic) != null) {
                error(b.pos(), "vrrp_instance " + ic.name() + " is defined twice");
                continue;
            }
            String key = ic.iface() + "/" + ic.vrid();
            SourcePos first = vrids.putIfAbsent(key, b.pos());
            if (first != null) {
                error(b.pos(), "virtual_router_id " + ic.vrid() + " on " + ic.iface() + " is already used at " + first);
                continue;
            }
            instances.add(ic);
        }
        List<SyncGroupConfig> groups = new ArrayList<>();
        Map<String, String> memberOf = new HashMap<>();
        for (RawBlock b : groupBlocks) {
            SyncGroupConfig g = group(b, byName, memberOf);
            if (g != null) {
                groups.add(g);
            }
        }
        return new Result(new VrrpConfig(instances, List.copyOf(scripts.values()), groups), List.copyOf(diags));
    }

    // ---- vrrp_instance --------------------------------------------------------------------------------

    private InstanceConfig instance(RawBlock b, Map<String, ScriptConfig> scripts) {
        int errorsBefore = errorCount();
        String state = null;
        String iface = null;
        Integer vrid = null;
        int priority = 100;
        BigDecimal advert = BigDecimal.ONE;
        SourcePos advertPos = b.pos();
        int version = 2;
        boolean nopreempt = false;
        long preemptDelay = 0;
        List<VipSpec> vips = new ArrayList<>();
        Set<Inet4Address> seenVips = new HashSet<>();
        Inet4Address src = null;
        List<Inet4Address> peers = new ArrayList<>();
        String password = null;
        SourcePos passwordPos = null;
        long garpDelay = 5_000_000_000L;
        int garpRepeat = 5;
        long garpRefresh = 0;
        List<Tracker> trackers = new ArrayList<>();
        List<String> nMaster = List.of();
        List<String> nBackup = List.of();
        List<String> nFault = List.of();
        List<String> nStop = List.of();
        List<String> nAny = List.of();
        boolean csumAsV2 = false;
        String syncIf = null;
        int syncId = 0;
        SourcePos nopreemptPos = null;
        SourcePos delayPos = null;
        for (Directive d : b.directives()) {
            try {
                String v = d.value();
                switch (d.key()) {
                    case "state" -> {
                        state = v.toUpperCase(java.util.Locale.ROOT);
                        if (!state.equals("MASTER") && !state.equals("BACKUP")) {
                            throw new Bad("state must be MASTER or BACKUP, got '" + v + "'");
                        }
                    }
                    case "interface" -> iface = ifname(v);
                    case "virtual_router_id" -> vrid = integer(v, 1, 255, "virtual_router_id");
                    case "priority" -> priority = integer(v, 1, 255, "priority");
                    case "advert_int" -> {
                        advert = seconds(v, "advert_int");
                        advertPos = d.pos();
                    }
                    case "version" -> version = integer(v, 2, 3, "version");
                    case "nopreempt" -> {
                        nopreempt = flag(v, "nopreempt");
                        nopreemptPos = d.pos();
                    }
                    case "preempt_delay" -> {
                        preemptDelay = nanos(v, 0, 1000, "preempt_delay");
                        delayPos = d.pos();
                    }
                    case "virtual_ipaddress" -> {
                        VipSpec vip = vip(v);
                        if (!seenVips.add(vip.address())) {
                            throw new Bad("virtual_ipaddress " + vip.address().getHostAddress() + " is listed twice");
                        }
                        vips.add(vip);
                    }
                    case "unicast_src_ip" -> src = ipv4(v, "unicast_src_ip");
                    case "unicast_peer" -> {
                        Inet4Address p = ipv4(v, "unicast_peer");
                        if (peers.contains(p)) {
                            throw new Bad("unicast_peer " + v + " is listed twice");
                        }
                        peers.add(p);
                    }
                    case "authentication" -> {
                        List<String> w = Words.split(v);
                        if (w.size() != 2 || !w.get(0).equalsIgnoreCase("PASS")) {
                            throw new Bad("authentication must be 'PASS secret' (AH is not supported), got '" + v + "'");
                        }
                        if (w.get(1).getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 8) {
                            warn(d.pos(), "authentication password longer than 8 bytes is truncated to 8 (as keepalived does)");
                        }
                        password = w.get(1);
                        passwordPos = d.pos();
                    }
                    case "garp_master_delay" -> garpDelay = nanos(v, 0, 3600, "garp_master_delay");
                    case "garp_master_repeat" -> garpRepeat = integer(v, 1, 255, "garp_master_repeat");
                    case "garp_master_refresh" -> garpRefresh = nanos(v, 0, 86400, "garp_master_refresh");
                    case "track_interface" -> trackers.add(tracker(Tracker.Kind.INTERFACE, v, 0));
                    case "track_virtual" -> trackers.add(tracker(Tracker.Kind.VIRTUAL, v, 0));
                    case "track_script" -> {
                        String name = Words.split(v).isEmpty() ? "" : Words.split(v).get(0);
                        ScriptConfig s = scripts.get(name);
                        if (s == null) {
                            throw new Bad("track_script " + name + ": no vrrp_script block of that name");
                        }
                        Tracker t = tracker(Tracker.Kind.SCRIPT, v, s.weight());
                        trackers.add(v.contains("weight") || v.contains("reverse") ? t
                                : new Tracker(t.kind(), t.name(), s.weight(), s.reverse()));
                    }
                    case "notify_master" -> nMaster = command(v, d.key());
                    case "notify_backup" -> nBackup = command(v, d.key());
                    case "notify_fault" -> nFault = command(v, d.key());
                    case "notify_stop" -> nStop = command(v, d.key());
                    case "notify" -> nAny = command(v, d.key());
                    case "v3_checksum_as_v2" -> csumAsV2 = flag(v, d.key());
                    case "lvs_sync_daemon" -> {
                        List<String> w = Words.split(v);
                        if (w.isEmpty() || (w.size() != 1 && !(w.size() == 3 && w.get(1).equals("id")))) {
                            throw new Bad("lvs_sync_daemon must be 'INTERFACE [id N]', got '" + v + "'");
                        }
                        syncIf = ifname(w.get(0));
                        syncId = w.size() == 3 ? integer(w.get(2), 0, 255, "lvs_sync_daemon id") : 0;
                    }
                    default -> throw new Bad("unknown vrrp_instance directive '" + d.key() + "'");
                }
            } catch (Bad e) {
                error(d.pos(), e.getMessage());
            }
        }
        if (iface == null) {
            error(b.pos(), "vrrp_instance " + b.name() + " needs interface=");
        }
        if (vrid == null) {
            error(b.pos(), "vrrp_instance " + b.name() + " needs virtual_router_id=");
        }
        if (vips.isEmpty()) {
            error(b.pos(), "vrrp_instance " + b.name() + " needs at least one virtual_ipaddress=");
        }
        int intervalCs = advert.movePointRight(2).intValue();
        if (version == 2 && (advert.stripTrailingZeros().scale() > 0 || intervalCs < 100 || intervalCs > 25500)) {
            error(advertPos, "advert_int " + advert.toPlainString() + ": VRRPv2 needs whole seconds 1..255");
        } else if (version == 3 && (advert.movePointRight(2).stripTrailingZeros().scale() > 0
                || intervalCs < 1 || intervalCs > 4095)) {
            error(advertPos, "advert_int " + advert.toPlainString() + ": VRRPv3 needs 0.01..40.95 s in steps of 0.01");
        }
        if (password != null && version == 3) {
            error(passwordPos, "authentication is VRRPv2 only (VRRPv3 has no authentication field)");
        }
        if (nopreempt && "MASTER".equals(state)) {
            error(nopreemptPos, "nopreempt needs state=BACKUP (a MASTER wish means preempting)");
        }
        if (nopreempt && priority == 255) {
            error(nopreemptPos, "nopreempt is meaningless for the address owner (priority 255)");
        }
        if (preemptDelay > 0 && (nopreempt || "MASTER".equals(state))) {
            error(delayPos, "preempt_delay cannot be combined with nopreempt or state=MASTER");
        }
        if (errorCount() > errorsBefore) {
            return null;
        }
        return new InstanceConfig(b.name(), b.pos().file(), b.pos().line(), "MASTER".equals(state), iface, vrid,
                priority, intervalCs, version, !nopreempt, preemptDelay, vips, src, peers, password, garpDelay,
                garpRepeat, garpRefresh, trackers, new Notify(nMaster, nBackup, nFault, nStop, nAny), csumAsV2,
                syncIf, syncId);
    }

    // ---- vrrp_script ----------------------------------------------------------------------------------

    private ScriptConfig script(RawBlock b) {
        int errorsBefore = errorCount();
        List<String> cmd = null;
        long interval = 1_000_000_000L;
        Long timeout = null;
        int weight = 0;
        boolean reverse = false;
        int rise = 1;
        int fall = 1;
        boolean initFail = false;
        for (Directive d : b.directives()) {
            try {
                String v = d.value();
                switch (d.key()) {
                    case "script" -> cmd = command(v, "script");
                    case "interval" -> interval = nanos(v, 0.01, 86400, "interval");
                    case "timeout" -> timeout = nanos(v, 0.01, 86400, "timeout");
                    case "weight" -> {
                        List<String> w = Words.split(v);
                        if (w.isEmpty() || w.size() > 2 || (w.size() == 2 && !w.get(1).equals("reverse"))) {
                            throw new Bad("weight must be 'W [reverse]', got '" + v + "'");
                        }
                        weight = weight(w.get(0));
                        reverse = w.size() == 2;
                    }
                    case "rise" -> rise = integer(v, 1, 1000, "rise");
                    case "fall" -> fall = integer(v, 1, 1000, "fall");
                    case "init_fail" -> initFail = flag(v, "init_fail");
                    default -> throw new Bad("unknown vrrp_script directive '" + d.key() + "'");
                }
            } catch (Bad e) {
                error(d.pos(), e.getMessage());
            }
        }
        if (cmd == null) {
            error(b.pos(), "vrrp_script " + b.name() + " needs script=");
        }
        if (errorCount() > errorsBefore) {
            return null;
        }
        return new ScriptConfig(b.name(), cmd, interval, timeout == null ? interval : timeout, weight, reverse, rise,
                fall, initFail);
    }

    // ---- vrrp_sync_group ------------------------------------------------------------------------------

    private SyncGroupConfig group(RawBlock b, Map<String, InstanceConfig> instances, Map<String, String> memberOf) {
        int errorsBefore = errorCount();
        List<String> members = new ArrayList<>();
        List<String> nMaster = List.of();
        List<String> nBackup = List.of();
        List<String> nFault = List.of();
        List<String> nStop = List.of();
        List<String> nAny = List.of();
        for (Directive d : b.directives()) {
            try {
                switch (d.key()) {
                    case "group" -> {
                        for (String m : Words.split(d.value())) {
                            if (!instances.containsKey(m)) {
                                throw new Bad("sync group member " + m + " is not a vrrp_instance");
                            }
                            String other = memberOf.putIfAbsent(m, b.name());
                            if (other != null) {
                                throw new Bad("vrrp_instance " + m + " is already in sync group " + other);
                            }
                            members.add(m);
                        }
                    }
                    case "notify_master" -> nMaster = command(d.value(), d.key());
                    case "notify_backup" -> nBackup = command(d.value(), d.key());
                    case "notify_fault" -> nFault = command(d.value(), d.key());
                    case "notify_stop" -> nStop = command(d.value(), d.key());
                    case "notify" -> nAny = command(d.value(), d.key());
                    default -> throw new Bad("unknown vrrp_sync_group directive '" + d.key() + "'");
                }
            } catch (Bad e) {
                error(d.pos(), e.getMessage());
            }
        }
        if (members.size() < 2 && errorCount() == errorsBefore) {
            error(b.pos(), "vrrp_sync_group " + b.name() + " needs at least two members (group=I1 I2 ...)");
        }
        return errorCount() > errorsBefore ? null
                : new SyncGroupConfig(b.name(), members, new Notify(nMaster, nBackup, nFault, nStop, nAny));
    }

    // ---- value parsers --------------------------------------------------------------------------------

    private static boolean validName(String n) {
        return n != null && n.matches("[A-Za-z0-9_.-]+");
    }

    private static String ifname(String v) throws Bad {
        if (!v.matches("[A-Za-z0-9_.:@-]{1,15}")) {
            throw new Bad("'" + v + "' is not an interface name (1..15 characters, no blanks or '/')");
        }
        return v;
    }

    private static int integer(String v, int lo, int hi, String what) throws Bad {
        try {
            int n = Integer.parseInt(v.trim());
            if (n < lo || n > hi) {
                throw new Bad(what + " must be " + lo + ".." + hi + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new Bad(what + " must be a whole number " + lo + ".." + hi + ", got '" + v + "'");
        }
    }

    private static int weight(String v) throws Bad {
        int w = integer(v, -254, 254, "weight");
        return Math.max(-253, Math.min(253, w)); // keepalived clamps ±254 to ±253
    }

    private static BigDecimal seconds(String v, String what) throws Bad {
        try {
            BigDecimal d = new BigDecimal(v.trim());
            if (d.signum() < 0) {
                throw new Bad(what + " must not be negative, got " + v);
            }
            return d;
        } catch (NumberFormatException e) {
            throw new Bad(what + " must be a number of seconds, got '" + v + "'");
        }
    }

    private static long nanos(String v, double lo, double hi, String what) throws Bad {
        BigDecimal s = seconds(v, what);
        if (s.doubleValue() < lo || s.doubleValue() > hi) {
            throw new Bad(what + " must be " + lo + ".." + hi + " seconds, got " + v);
        }
        return s.movePointRight(9).longValue();
    }

    private static boolean flag(String v, String what) throws Bad {
        return switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "", "yes", "true", "on", "1" -> true;
            case "no", "false", "off", "0" -> false;
            default -> throw new Bad(what + " takes no value or yes/no, got '" + v + "'");
        };
    }

    private static Inet4Address ipv4(String v, String what) throws Bad {
        String t = v.trim();
        if (!t.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            throw new Bad(what + " must be an IPv4 address, got '" + v + "'");
        }
        String[] parts = t.split("\\.");
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            int n = Integer.parseInt(parts[i]);
            if (n > 255) {
                throw new Bad(what + " must be an IPv4 address, got '" + v + "'");
            }
            b[i] = (byte) n;
        }
        return AdvertCodec.v4(b);
    }

    private static VipSpec vip(String v) throws Bad {
        List<String> w = Words.split(v);
        if (w.isEmpty()) {
            throw new Bad("virtual_ipaddress needs an address");
        }
        String[] al = w.get(0).split("/", -1);
        if (al.length > 2) {
            throw new Bad("virtual_ipaddress '" + w.get(0) + "' is not addr[/len]");
        }
        Inet4Address addr = ipv4(al[0], "virtual_ipaddress");
        int len = al.length == 2 ? integer(al[1], 0, 32, "virtual_ipaddress prefix length") : 32;
        String dev = null;
        String label = null;
        for (int i = 1; i < w.size(); i += 2) {
            if (i + 1 >= w.size()) {
                throw new Bad("virtual_ipaddress option '" + w.get(i) + "' needs a value");
            }
            switch (w.get(i)) {
                case "dev" -> dev = ifname(w.get(i + 1));
                case "label" -> {
                    label = w.get(i + 1);
                    if (label.length() > 15) {
                        throw new Bad("label '" + label + "' is longer than 15 characters");
                    }
                }
                default -> throw new Bad("virtual_ipaddress option '" + w.get(i) + "' is unknown (dev, label)");
            }
        }
        return new VipSpec(addr, len, dev, label);
    }

    private static Tracker tracker(Tracker.Kind kind, String v, int defaultWeight) throws Bad {
        List<String> w = Words.split(v);
        if (w.isEmpty()) {
            throw new Bad("track_" + kind.name().toLowerCase(java.util.Locale.ROOT) + " needs a name");
        }
        int weight = defaultWeight;
        boolean reverse = false;
        for (int i = 1; i < w.size(); i++) {
            if (w.get(i).equals("weight") && i + 1 < w.size()) {
                weight = weight(w.get(++i));
            } else if (w.get(i).equals("reverse")) {
                reverse = true;
            } else {
                throw new Bad("unexpected '" + w.get(i) + "' after tracked name (NAME [weight W] [reverse])");
            }
        }
        if (kind == Tracker.Kind.INTERFACE) {
            ifname(w.get(0));
        }
        return new Tracker(kind, w.get(0), weight, reverse);
    }

    private static List<String> command(String v, String what) throws Bad {
        try {
            List<String> w = Words.split(v);
            if (w.isEmpty()) {
                throw new Bad(what + " needs a command");
            }
            return w;
        } catch (IllegalArgumentException e) {
            throw new Bad(what + ": " + e.getMessage());
        }
    }

    private void error(SourcePos pos, String msg) {
        diags.add(Diagnostic.error(pos, msg));
    }

    private void warn(SourcePos pos, String msg) {
        diags.add(Diagnostic.warning(pos, msg));
    }

    private int errorCount() {
        return (int) diags.stream().filter(Diagnostic::isError).count();
    }
}
