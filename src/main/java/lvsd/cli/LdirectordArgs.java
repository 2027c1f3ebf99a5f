package lvsd.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * ldirectord's own command line, {@code ldirectord [-d|--debug] [--] [FILE] start|stop|restart|try-restart|reload|
 * force-reload|status}, rewritten to lvsd's {@code VERB -f FILE} before picocli sees it, so init scripts and cron
 * jobs written for ldirectord keep working. Only that exact shape is rewritten; everything else is passed on as
 * it is. Options before FILE other than {@code -d} are lvsd's own and go after the verb (a value must be
 * attached: {@code --timeout=300}).
 *
 * <ul>
 *   <li>A relative FILE is looked up as ldirectord does: {@code /etc/ha.d/FILE}, then {@code /etc/ha.d/conf/FILE},
 *       then FILE itself (relative to the working directory).
 *   <li>Without FILE: {@code /etc/ha.d/ldirectord.cf}, {@code /etc/ha.d/conf/ldirectord.cf}, then
 *       {@code /etc/lvsd/lvsd.cf}, the first that exists (else the first). A lone {@code lvsd status} stays lvsd's
 *       own status (every daemon), not ldirectord's status of the default file.
 *   <li>{@code -d start} runs the daemon in the foreground ({@code run -f FILE}), as ldirectord's "don't start as
 *       daemon"; {@code -d} with any other verb changes nothing.
 * </ul>
 */
final class LdirectordArgs {

    static final Set<String> VERBS =
            Set.of("start", "stop", "restart", "try-restart", "reload", "force-reload", "status");

    static final List<Path> DEFAULT_FILES = List.of(Path.of("/etc/ha.d/ldirectord.cf"),
            Path.of("/etc/ha.d/conf/ldirectord.cf"), Path.of("/etc/lvsd/lvsd.cf"));

    private LdirectordArgs() {}

    /**
     * The arguments lvsd's picocli model reads. {@code subcommands}: lvsd's own command names (never taken for a
     * FILE); {@code isFile}: whether a path names a regular file.
     */
    static String[] rewrite(String[] args, Set<String> subcommands, Predicate<Path> isFile) {
        int i = 0;
        boolean debug = false;
        List<String> options = new ArrayList<>();
        while (i < args.length && args[i].startsWith("-") && !args[i].equals("-")) {
            String a = args[i++];
            if (a.equals("--")) {
                break;
            }
            if (a.equals("-d") || a.equals("--debug")) {
                debug = true;
            } else {
                options.add(a);
            }
        }
        List<String> rest = Arrays.asList(args).subList(i, args.length);
        Path file;
        String verb;
        if (rest.size() == 2 && VERBS.contains(rest.get(1)) && !subcommands.contains(rest.get(0))) {
            file = resolve(rest.get(0), isFile);
            verb = rest.get(1);
        } else if (rest.size() == 1 && VERBS.contains(rest.get(0)) && !rest.get(0).equals("status")) {
            file = defaultFile(isFile);
            verb = rest.get(0);
        } else {
            return args;
        }
        List<String> out = new ArrayList<>();
        out.add(debug && verb.equals("start") ? "run" : verb);
        out.add("-f");
        out.add(file.toString());
        out.addAll(options);
        return out.toArray(String[]::new);
    }

    /** ldirectord's lookup of a config name. */
    static Path resolve(String name, Predicate<Path> isFile) {
        Path p = Path.of(name);
        if (!p.isAbsolute()) {
            for (Path dir : List.of(Path.of("/etc/ha.d"), Path.of("/etc/ha.d/conf"))) {
                if (isFile.test(dir.resolve(p))) {
                    return dir.resolve(p);
                }
            }
        }
        return p;
    }

    /** The config file of a command line that names none. */
    static Path defaultFile(Predicate<Path> isFile) {
        return DEFAULT_FILES.stream().filter(isFile).findFirst().orElse(DEFAULT_FILES.get(0));
    }
}
