package multilink.cli;

import io.vavr.collection.List;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in-process and keeps what it printed. */
record Cli(int exit, String out, String err) {

    static Cli run(DesignCatalogue designs, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new Main(designs).execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Cli(code, out.toString(), err.toString());
    }

    static Cli run(String... args) {
        return run(DesignCatalogue.builtIn(), args);
    }

    List<String> errLines() {
        return List.ofAll(err.lines()).filter(l -> !l.isBlank());
    }
}
