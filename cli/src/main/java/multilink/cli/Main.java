package multilink.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * The {@code ./multilink} entry point. Users see one line per problem, never
 * a stack trace: 2 for bad usage or input, 3 for an internal error (with a
 * hint how to get the trace for a bug report).
 */
@Command(name = "multilink", mixinStandardHelpOptions = true,
        description = "Checked model of the BPF tracing multi-link designs.",
        subcommands = CommandLine.HelpCommand.class,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:clean (known findings of a design are reported, not failures)",
                "1:a violation, or a replay that differs from its file",
                "2:bad usage or input", "3:internal error"})
public final class Main {
    static final int EXIT_OK = 0;
    static final int EXIT_VIOLATION = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_INTERNAL = 3;

    private final DesignCatalogue designs;

    /** The seam tests use to plant a buggy design. */
    Main(DesignCatalogue designs) {
        this.designs = designs;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(new Main(DesignCatalogue.builtIn()).execute(args, out, err));
    }

    int execute(String[] args, PrintWriter out, PrintWriter err) {
        try {
            CommandLine cl = new CommandLine(this);
            cl.addSubcommand(new CheckCommand(designs));
            cl.addSubcommand(new RunCommand(designs));
            cl.addSubcommand(new BenchCommand());
            cl.setOut(out);
            cl.setErr(err);
            cl.setParameterExceptionHandler((ex, a) -> {
                err.println("multilink: " + ex.getMessage().lines().findFirst().orElse("bad usage")
                        + " (see ./multilink " + subcommandName(ex.getCommandLine()) + "--help)");
                return EXIT_USAGE;
            });
            cl.setExecutionExceptionHandler((ex, c, p) -> internal(ex, err));
            if (args.length == 0) {
                cl.usage(err);
                return EXIT_USAGE;
            }
            return cl.execute(args);
        } catch (RuntimeException | Error e) {
            return internal(e, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static String subcommandName(CommandLine c) {
        return c.getParent() == null ? "" : c.getCommandName() + " ";
    }

    private static int internal(Throwable e, PrintWriter err) {
        err.println("multilink: internal error: " + e + " (rerun with MULTILINK_DEBUG=1 for the stack trace and "
                + "report it with the command line)");
        if (System.getenv("MULTILINK_DEBUG") != null) {
            e.printStackTrace(err);
        }
        return EXIT_INTERNAL;
    }
}
