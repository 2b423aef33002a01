package multilink.cli;

import io.vavr.collection.List;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in-process and keeps what it printed. */
record Cli(int exit, String out, String err) {

    static Cli run(DesignCatalogue designs, X86Backend x86, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new Main(designs, x86).execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Cli(code, out.toString(), err.toString());
    }

    static Cli run(DesignCatalogue designs, String... args) {
        return run(designs, X86Backend.REAL, args);
    }

    static Cli run(X86Backend x86, String... args) {
        return run(DesignCatalogue.builtIn(), x86, args);
    }

    static Cli run(String... args) {
        return run(DesignCatalogue.builtIn(), args);
    }

    List<String> errLines() {
        return List.ofAll(err.lines()).filter(l -> !l.isBlank());
    }
}
