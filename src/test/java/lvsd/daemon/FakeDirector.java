package lvsd.daemon;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A backend for loop tests. Its "config" is lines {@code NAME WEIGHT} plus {@code autoreload=yes},
 * {@code callback=PATH}, {@code cleanstop=no}; its "kernel" is a map NAME → weight that a function dumps and
 * edits, so tests can change it behind the daemon's back like an operator with ipvsadm.
 */
final class FakeDirector implements Backend<FakeDirector.Conf> {

    /** The config's entries, as a dump. */
    @Override
    public String dump(Conf config) {
        return "{\"entries\":" + new java.util.TreeMap<>(config.entries()).size() + "}";
    }


    record Conf(Map<String, Integer> entries, boolean autoreload, Optional<String> callback, boolean cleanstop) {}

    /** The fake kernel table; tests read and edit it directly. */
    final Map<String, Integer> kernel = new TreeMap<>();
    final List<String> activations = new ArrayList<>();
    int dumps;
    /** Subsystems restarted, in order; {@link #restartFailure} makes a restart throw. */
    final List<Subsystem> restarts = new ArrayList<>();
    RuntimeException restartFailure;
    /** When set, shutdown reports this entry as still in the table. */
    String stuckAtStop;
    int shutdowns;
    /** When set, the next dumps fail like a netlink error. */
    Function<Integer, RuntimeException> dumpFailure = n -> null;

    @Override
    public Parsed<Conf> parse(Path file, byte[] content) {
        Map<String, Integer> entries = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        boolean autoreload = false;
        boolean cleanstop = true;
        Optional<String> callback = Optional.empty();
        String[] lines = new String(content, StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.equals("autoreload=yes")) {
                autoreload = true;
            } else if (line.equals("cleanstop=no")) {
                cleanstop = false;
            } else if (line.startsWith("callback=")) {
                callback = Optional.of(line.substring("callback=".length()));
            } else {
                String[] f = line.split(" ");
                if (f.length != 2 || !f[1].matches("[0-9]+")) {
                    errors.add(file + ":" + (i + 1) + ": expected NAME WEIGHT, got \"" + line + "\"");
                    continue;
                }
                entries.put(f[0], Integer.parseInt(f[1]));
            }
        }
        if (!errors.isEmpty()) {
            return new Parsed.Rejected<>(errors);
        }
        return new Parsed.Accepted<>(new Conf(entries, autoreload, callback, cleanstop), List.of());
    }

    @Override
    public LoopSettings settings(Conf config) {
        return new LoopSettings(config.autoreload(), config.callback().map(List::of).orElse(List.of()));
    }

    @Override
    public void activate(Optional<Conf> previous, Conf next) {
        activations.add(previous.isPresent() ? "reload" : "start");
    }

    @Override
    public CycleReport reconcile(Conf config) {
        RuntimeException failure = dumpFailure.apply(dumps + 1);
        dumps++;
        if (failure != null) {
            throw failure;
        }
        List<String> log = new ArrayList<>();
        int ops = 0;
        for (var e : config.entries().entrySet()) {
            Integer have = kernel.get(e.getKey());
            if (!e.getValue().equals(have)) {
                log.add((have == null ? "add " : "edit ") + e.getKey() + " weight " + e.getValue());
                kernel.put(e.getKey(), e.getValue());
                ops++;
            }
        }
        // Only what the config names is lvsd's: entries whose name starts with "own-" and are gone from the
        // config are removed; anything else in the kernel is foreign and left alone.
        for (var it = kernel.keySet().iterator(); it.hasNext(); ) {
            String name = it.next();
            if (name.startsWith("own-") && !config.entries().containsKey(name)) {
                it.remove();
                log.add("delete " + name);
                ops++;
            }
        }
        return new CycleReport(ops, 0, log);
    }

    @Override
    public void restart(Subsystem subsystem, Conf config) {
        if (restartFailure != null) {
            throw restartFailure;
        }
        restarts.add(subsystem);
    }

    @Override
    public CycleReport shutdown(Conf config) {
        shutdowns++;
        if (stuckAtStop != null) {
            throw new StopIncomplete(new CycleReport(0, 2, List.of("kernel refused -D " + stuckAtStop)),
                    List.of(stuckAtStop));
        }
        if (!config.cleanstop()) {
            return CycleReport.nothing();
        }
        int ops = 0;
        for (String name : config.entries().keySet()) {
            if (kernel.remove(name) != null) {
                ops++;
            }
        }
        return new CycleReport(ops, 0, List.of("removed " + ops + " entries"));
    }
}
