package lvsd.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import lvsd.inet.Protocol;
import java.util.Set;

/**
 * One {@code virtual=}/{@code virtual6=} block with every value resolved (per virtual → global → default).
 * {@code netmask} is as written and validated: a dotted quad for IPv4, a prefix length 1..128 for IPv6;
 * {@code netmaskValue} is its value (the 32-bit IPv4 mask, or the prefix length). Values that are only looked at
 * later are typed here as well: {@code schedFlagSet} ({@code schedFlags} as written), {@code fallbackArgv}
 * ({@code fallbackCommand} split into words; empty = none). Nothing downstream re-parses text.
 * {@code drainSeconds} is the lvsd extension (0 = off): how long a real leaving the config stays at weight 0
 * before it is deleted.
 */
public record VirtualService(
        SourcePos pos,
        VirtualKey key,
        String scheduler,
        OptionalInt persistent,
        Optional<String> netmask,
        OptionalInt netmaskValue,
        Optional<String> schedFlags,
        Set<SchedFlag> schedFlagSet,
        boolean ops,
        boolean quiescent,
        boolean cleanStop,
        int drainSeconds,
        CheckSettings check,
        Optional<Fallback> fallback,
        Optional<String> fallbackCommand,
        List<String> fallbackArgv,
        EmailAlert emailAlert,
        Optional<String> monitorFile,
        Optional<String> serviceName,
        Optional<String> comment,
        List<RealServer> reals) {

    public VirtualService {
        Objects.requireNonNull(pos, "pos");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(persistent, "persistent");
        Objects.requireNonNull(netmask, "netmask");
        Objects.requireNonNull(netmaskValue, "netmaskValue");
        Objects.requireNonNull(schedFlags, "schedFlags");
        schedFlagSet = Set.copyOf(schedFlagSet);
        fallbackArgv = List.copyOf(fallbackArgv);
        if (netmask.isPresent() != netmaskValue.isPresent()) {
            throw new IllegalArgumentException("netmaskValue is the netmask's value");
        }
        if (fallbackCommand.isPresent() == fallbackArgv.isEmpty()) {
            throw new IllegalArgumentException("fallbackArgv is the fallbackcommand split into words");
        }
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(fallback, "fallback");
        Objects.requireNonNull(fallbackCommand, "fallbackCommand");
        Objects.requireNonNull(emailAlert, "emailAlert");
        Objects.requireNonNull(monitorFile, "monitorFile");
        Objects.requireNonNull(serviceName, "serviceName");
        Objects.requireNonNull(comment, "comment");
        reals = List.copyOf(reals);
        if (!scheduler.matches("[a-z]+")) {
            throw new IllegalArgumentException("scheduler must be lowercase letters, got " + scheduler);
        }
        if (drainSeconds < 0) {
            throw new IllegalArgumentException("drainSeconds must not be negative");
        }
        if (ops && key.protocol() != Protocol.UDP) {
            throw new IllegalArgumentException("one-packet scheduling is only for UDP");
        }
    }

    /**
     * The names {@code track_virtual=} may use for this virtual: lvsd's label ({@code tcp:192.0.2.1:80},
     * {@code udp:[2001:db8::1]:53}, {@code fwm:5}), the address as after {@code virtual=} ({@code 192.0.2.1:80},
     * {@code 5}) and its {@code servicename=}. The parser checks against these and the daemon answers to them.
     */
    public Set<String> trackNames() {
        Set<String> names = new LinkedHashSet<>();
        String label = key.toString();
        names.add(label);
        names.add(label.substring(label.indexOf(':') + 1));
        serviceName.ifPresent(names::add);
        return names;
    }
}
