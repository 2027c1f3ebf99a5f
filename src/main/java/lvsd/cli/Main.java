package lvsd.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code lvsd} command. Sub-commands live in their own classes and are listed here; keep this class
 * free of logging and heavy imports, because {@code lvsd status} must start fast.
 */
@Command(
        name = "lvsd",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "LVS director controller: keeps the kernel's IPVS table in step with ldirectord.cf,"
                + " health checks real servers and fails over with VRRP.",
        subcommands = {
            CommandLine.HelpCommand.class,
            CheckConfigCommand.class,
            StatusCommand.class, IpvsCommand.class,
            PlanCommand.class,
            RunCommand.class, ReloadCommand.class,
            VerbCommands.Start.class, VerbCommands.Stop.class, VerbCommands.Restart.class,
            VerbCommands.TryRestart.class, VerbCommands.ForceReload.class,
            VrrpRunCommand.class,
        })
public final class Main implements Runnable {

    /** Exit status for bad input: configuration errors, bad restore lines, bad arguments. */
    public static final int EXIT_BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        Integer fast = FastPath.run(args); // plain IPVS commands skip picocli's start-up cost
        System.exit(fast != null ? fast : execute(args));
    }

    /** Runs the command line and returns the exit status (tests call this rather than {@link #main}). */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("lvsd: " + ex.getMessage());
            ex.getCommandLine().usage(ex.getCommandLine().getErr());
            return EXIT_BAD_INPUT;
        });
        // ldirectord's form, `lvsd [-d] [FILE] VERB`, becomes `lvsd VERB -f FILE`
        String[] rewritten = LdirectordArgs.rewrite(args, cl.getSubcommands().keySet(),
                p -> java.nio.file.Files.isRegularFile(p));
        return cl.execute(rewritten);
    }

    /** Reads the version Maven wrote into the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"lvsd " + (v == null ? "(development build)" : v)};
        }
    }
}
