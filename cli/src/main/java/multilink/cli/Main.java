package multilink.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * The {@code ./multilink} entry point. Users see one line per problem, never
 * a stack trace: 2 for bad usage or input, 3 for an internal error (with a
 * hint how to get the trace for a bug report).
 */
@Command(name = "multilink", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Checked model of the BPF tracing multi-link designs.",
        subcommands = CommandLine.HelpCommand.class,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:clean (known findings of a design are reported, not failures)",
                "1:a violation, a replay that differs from its file, an x86 mismatch or a kernel errno",
                "2:bad usage or input", "3:internal error"})
public final class Main {
    static final int EXIT_OK = 0;
    static final int EXIT_VIOLATION = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_INTERNAL = 3;

    /** The version {@code --version} prints. */
    static final String VERSION = "0.1.0-SNAPSHOT";

    private final DesignCatalogue designs;
    private final X86Backend x86;

    /** The seams tests use to plant a buggy design, a buggy x86 encoder or a missing reference tool. */
    Main(DesignCatalogue designs, X86Backend x86) {
        this.designs = designs;
        this.x86 = x86;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        // TLC's working files go to a temporary directory removed at exit, never to the current directory
        var work = WorkDir.claim();
        int code = new Main(DesignCatalogue.builtIn(), X86Backend.REAL).execute(args, out, err);
        work.ifPresent(WorkDir::delete);
        System.exit(code);
    }

    int execute(String[] args, PrintWriter out, PrintWriter err) {
        try {
            CommandLine cl = new CommandLine(this);
            subcommands(designs, x86).forEach(cl::addSubcommand);
            cl.setCaseInsensitiveEnumValuesAllowed(true);
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

    /**
     * {@code --version}: the version, and where each module's classes were
     * loaded from, so a user (and the launcher's test) sees which checkout runs.
     */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"multilink " + VERSION,
                    "  cli         " + origin(Main.class),
                    "  model       " + origin(multilink.model.state.KState.class),
                    "  spec        " + origin(multilink.spec.Tlc.class),
                    "  x86gen      " + origin(multilink.x86.TrampolineImage.class),
                    "  properties  " + origin(multilink.properties.Checker.class)};
        }

        private static String origin(Class<?> c) {
            try {
                return java.nio.file.Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            } catch (RuntimeException | java.net.URISyntaxException e) {
                return "unknown";
            }
        }
    }

    /** Every command, in the order help lists them. */
    static java.util.List<Object> subcommands(DesignCatalogue designs, X86Backend x86) {
        return java.util.List.of(new CheckCommand(designs, x86), new RunCommand(designs), new X86Command(x86),
                new TlcCommand(designs), new BenchCommand(), new MutantsCommand(), new DesignsCommand(), new LiveCommand());
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
