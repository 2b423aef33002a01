package multilink.cli;

import io.vavr.collection.List;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A worker whose server went away mid-run (as CI once saw: the server had
 * finished before the worker's first call): its progress passes, the stack
 * trace does not, and the exception's first line is the reason given.
 */
class WorkerOutputTest {
    @Test
    void aStackTraceBecomesOneReason() {
        StringWriter text = new StringWriter();
        WorkerOutput w = new WorkerOutput(new PrintWriter(text));
        List.of("TLC Worker Version 2.18 of 20 March 2023",
                "Parsing file /tmp/x/MCClassic.tla",
                "Starting... (2026-12-01 11:43:41)",
                "java.rmi.ConnectException: Connection refused to host: localhost; nested exception is: ",
                "\tjava.net.ConnectException: Connection refused",
                "\tat java.rmi/sun.rmi.transport.tcp.TCPEndpoint.newSocket(TCPEndpoint.java:626)",
                "\t... 12 more",
                "Caused by: java.net.ConnectException: Connection refused").forEach(w::line);
        assertEquals(List.of("tlc: worker: TLC Worker Version 2.18 of 20 March 2023",
                "tlc: worker: Starting... (2026-12-01 11:43:41)"), List.of(text.toString().split("\n")));
        assertEquals(Option.of(" (exit 1): java.rmi.ConnectException: Connection refused to host: localhost"),
                w.stopped(1));
    }

    @Test
    void aWorkerThatFinishedGivesNoReason() {
        WorkerOutput w = new WorkerOutput(new PrintWriter(new StringWriter()));
        w.line("TLC Worker Version 2.18 of 20 March 2023");
        assertEquals(Option.none(), w.stopped(0));
        assertEquals(Option.of(" (exit 3)"), w.stopped(3));
    }
}
