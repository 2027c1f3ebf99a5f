package lvsd.config;

import java.math.BigDecimal;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns the {@code vrrp_instance=}, {@code vrrp_script=} and {@code vrrp_sync_group=} blocks of an ldirectord.cf
 * file into a {@link VrrpConfig}. Every problem becomes a {@code FILE:LINE: what and why} diagnostic; the config
 * is usable only when no diagnostic is an error. The grammar is documented in docs/vrrp.md. Only
 * {@link lvsd.config.ConfigParser} calls this, as one step of parsing the whole file.
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
    /** What {@code track_virtual=} may name; null = not checked (the virtual part of the file has errors). */
    private final Set<String> virtualNames;

    private VrrpConfigParser(Set<String> virtualNames) {
        this.virtualNames = virtualNames == null ? null : new TreeSet<>(virtualNames);
    }

    /**
     * Parses {@code blocks}. {@code virtualNames} are the names the file's virtual services answer to (see
     * {@code VirtualService#trackNames}); null skips that check, so that an error in a virtual block does not
     * also show up as a bogus "no such virtual" here.
     */
    public static Result parse(List<RawBlock> blocks, Set<String> virtualNames) {
        return new VrrpConfigParser(virtualNames).run(blocks);
    }

    private Result run(List<RawBlock> blocks) {
        Map<String, ScriptConfig> scripts = new LinkedHashMap<>();
        List<RawBlock> instanceBlocks = new ArrayList<>();
        List<RawBlock> groupBlocks = new ArrayList<>();
        for (RawBlock b : blocks) {
            if (!ConfigValues.validName(b.name())) {
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
                error(b.pos(), "virtual_router_id " + ic.vrid() + " on " + ic.iface() + " is already used by the"
                        + " vrrp_instance at line " + first.line());
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
        Set<String> given = new HashSet<>(); // a required directive given with a bad value is reported once
        for (Directive d : b.directives()) {
            given.add(d.key());
            try {
                String v = d.value();
                switch (d.key()) {
                    case "state" -> {
                        state = v.toUpperCase(java.util.Locale.ROOT);
                        if (!state.equals("MASTER") && !state.equals("BACKUP")) {
                            throw new BadValue("state must be MASTER or BACKUP, got '" + v + "'");
                        }
                    }
                    case "interface" -> iface = ConfigValues.ifname(v);
                    case "virtual_router_id" -> vrid = ConfigValues.integer(v, 1, 255, "virtual_router_id");
                    case "priority" -> priority = ConfigValues.integer(v, 1, 255, "priority");
                    case "advert_int" -> {
                        advert = ConfigValues.seconds(v, "advert_int");
                        advertPos = d.pos();
                    }
                    case "version" -> version = ConfigValues.integer(v, 2, 3, "version");
                    case "nopreempt" -> {
                        nopreempt = ConfigValues.flag(v, "nopreempt");
                        nopreemptPos = d.pos();
                    }
                    case "preempt_delay" -> {
                        preemptDelay = ConfigValues.nanos(v, 0, 1000, "preempt_delay");
                        delayPos = d.pos();
                    }
                    case "virtual_ipaddress" -> {
                        VipSpec vip = ConfigValues.vip(v);
                        if (!seenVips.add(vip.address())) {
                            throw new BadValue("virtual_ipaddress " + vip.address().getHostAddress() + " is listed twice");
                        }
                        vips.add(vip);
                    }
                    case "unicast_src_ip" -> src = ConfigValues.ipv4(v, "unicast_src_ip");
                    case "unicast_peer" -> {
                        Inet4Address p = ConfigValues.ipv4(v, "unicast_peer");
                        if (peers.contains(p)) {
                            throw new BadValue("unicast_peer " + v + " is listed twice");
                        }
                        peers.add(p);
                    }
                    case "authentication" -> {
                        List<String> w = ConfigValues.words(v, d.key());
                        if (w.size() != 2 || !w.get(0).equalsIgnoreCase("PASS")) {
                            throw new BadValue("authentication must be 'PASS secret' (AH is not supported), got '" + v + "'");
                        }
                        if (w.get(1).getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 8) {
                            warn(d.pos(), "authentication password longer than 8 bytes is truncated to 8 (as keepalived does)");
                        }
                        password = w.get(1);
                        passwordPos = d.pos();
                    }
                    case "garp_master_delay" -> garpDelay = ConfigValues.nanos(v, 0, 3600, "garp_master_delay");
                    case "garp_master_repeat" -> garpRepeat = ConfigValues.integer(v, 1, 255, "garp_master_repeat");
                    case "garp_master_refresh" -> garpRefresh = ConfigValues.nanos(v, 0, 86400, "garp_master_refresh");
                    case "track_interface" -> trackers.add(ConfigValues.tracker(Tracker.Kind.INTERFACE, v, 0));
                    case "track_virtual" -> trackers.add(trackVirtual(v));
                    case "track_script" -> {
                        List<String> words = ConfigValues.words(v, "track_script");
                        String name = words.isEmpty() ? "" : words.get(0);
                        ScriptConfig s = scripts.get(name);
                        if (s == null) {
                            throw new BadValue("track_script " + name + ": no vrrp_script block of that name");
                        }
                        Tracker t = ConfigValues.tracker(Tracker.Kind.SCRIPT, v, s.weight());
                        trackers.add(v.contains("weight") || v.contains("reverse") ? t
                                : new Tracker(t.kind(), t.name(), s.weight(), s.reverse()));
                    }
                    case "notify_master" -> nMaster = ConfigValues.command(v, d.key());
                    case "notify_backup" -> nBackup = ConfigValues.command(v, d.key());
                    case "notify_fault" -> nFault = ConfigValues.command(v, d.key());
                    case "notify_stop" -> nStop = ConfigValues.command(v, d.key());
                    case "notify" -> nAny = ConfigValues.command(v, d.key());
                    case "v3_checksum_as_v2" -> csumAsV2 = ConfigValues.flag(v, d.key());
                    case "lvs_sync_daemon" -> {
                        List<String> w = ConfigValues.words(v, d.key());
                        if (w.isEmpty() || (w.size() != 1 && !(w.size() == 3 && w.get(1).equals("id")))) {
                            throw new BadValue("lvs_sync_daemon must be 'INTERFACE [id N]', got '" + v + "'");
                        }
                        syncIf = ConfigValues.ifname(w.get(0));
                        syncId = w.size() == 3 ? ConfigValues.integer(w.get(2), 0, 255, "lvs_sync_daemon id") : 0;
                    }
                    default -> throw new BadValue("unknown vrrp_instance directive '" + d.key() + "'");
                }
            } catch (BadValue e) {
                error(d.pos(), e.getMessage());
            }
        }
        if (iface == null && !given.contains("interface")) {
            error(b.pos(), "vrrp_instance " + b.name() + " needs interface=");
        }
        if (vrid == null && !given.contains("virtual_router_id")) {
            error(b.pos(), "vrrp_instance " + b.name() + " needs virtual_router_id=");
        }
        if (vips.isEmpty() && !given.contains("virtual_ipaddress")) {
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

    private Tracker trackVirtual(String v) throws BadValue {
        Tracker t = ConfigValues.tracker(Tracker.Kind.VIRTUAL, v, 0);
        if (virtualNames != null && !virtualNames.contains(t.name())) {
            String known = virtualNames.isEmpty() ? "the file has no virtual services"
                    : "a virtual answers to its servicename=, its address as after virtual= or its label; known: "
                    + String.join(", ", virtualNames.stream().limit(6).toList())
                    + (virtualNames.size() > 6 ? ", ..." : "");
            throw new BadValue("track_virtual " + t.name() + ": no virtual service of that name (" + known + ")");
        }
        return t;
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
        boolean scriptGiven = false;
        for (Directive d : b.directives()) {
            scriptGiven |= d.key().equals("script");
            try {
                String v = d.value();
                switch (d.key()) {
                    case "script" -> cmd = ConfigValues.command(v, "script");
                    case "interval" -> interval = ConfigValues.nanos(v, 0.01, 86400, "interval");
                    case "timeout" -> timeout = ConfigValues.nanos(v, 0.01, 86400, "timeout");
                    case "weight" -> {
                        List<String> w = ConfigValues.words(v, d.key());
                        if (w.isEmpty() || w.size() > 2 || (w.size() == 2 && !w.get(1).equals("reverse"))) {
                            throw new BadValue("weight must be 'W [reverse]', got '" + v + "'");
                        }
                        weight = ConfigValues.weight(w.get(0));
                        reverse = w.size() == 2;
                    }
                    case "rise" -> rise = ConfigValues.integer(v, 1, 1000, "rise");
                    case "fall" -> fall = ConfigValues.integer(v, 1, 1000, "fall");
                    case "init_fail" -> initFail = ConfigValues.flag(v, "init_fail");
                    default -> throw new BadValue("unknown vrrp_script directive '" + d.key() + "'");
                }
            } catch (BadValue e) {
                error(d.pos(), e.getMessage());
            }
        }
        if (cmd == null && !scriptGiven) {
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
                        for (String m : ConfigValues.words(d.value(), d.key())) {
                            if (!instances.containsKey(m)) {
                                throw new BadValue("sync group member " + m + " is not a vrrp_instance");
                            }
                            String other = memberOf.putIfAbsent(m, b.name());
                            if (other != null) {
                                throw new BadValue("vrrp_instance " + m + " is already in sync group " + other);
                            }
                            members.add(m);
                        }
                    }
                    case "notify_master" -> nMaster = ConfigValues.command(d.value(), d.key());
                    case "notify_backup" -> nBackup = ConfigValues.command(d.value(), d.key());
                    case "notify_fault" -> nFault = ConfigValues.command(d.value(), d.key());
                    case "notify_stop" -> nStop = ConfigValues.command(d.value(), d.key());
                    case "notify" -> nAny = ConfigValues.command(d.value(), d.key());
                    default -> throw new BadValue("unknown vrrp_sync_group directive '" + d.key() + "'");
                }
            } catch (BadValue e) {
                error(d.pos(), e.getMessage());
            }
        }
        if (members.size() < 2 && errorCount() == errorsBefore) {
            error(b.pos(), "vrrp_sync_group " + b.name() + " needs at least two members (group=I1 I2 ...)");
        }
        return errorCount() > errorsBefore ? null
                : new SyncGroupConfig(b.name(), members, new Notify(nMaster, nBackup, nFault, nStop, nAny));
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
