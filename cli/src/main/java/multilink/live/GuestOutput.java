package multilink.live;

import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;

/**
 * The guest's report, parsed: the lines /init and the loader write to the second serial port between the begin and
 * end markers (formats in init and loader.c). The serial line may turn "\n" into "\r\n"; both are accepted.
 *
 * @param facts     uname, cpu and vuln lines as key to value ("vuln retbleed" to "Mitigation:_...")
 * @param symbols   kallsyms addresses of the helpers a trampoline calls
 * @param jobs      x86 jobs by id, in report order
 * @param steps     scenario steps by scenario id, each "step" line in order
 * @param traceable probe mode: the available_filter_functions names
 */
public record GuestOutput(Map<String, String> facts, Map<String, Long> symbols, Map<String, JobResult> jobs,
                          Map<String, List<StepResult>> steps, List<String> traceable) {
    static final String BEGIN = "=== multilink-live begin";
    static final String END = "=== multilink-live end";

    /** One scenario step as the kernel answered it; {@code info} holds link_info's fields. */
    public record StepResult(String step, int errno, Map<String, String> info) { }

    public static boolean complete(String text) {
        return text.contains(BEGIN) && text.contains(END);
    }

    /** For a progress line: how many x86 jobs and scenarios the guest has finished so far. */
    static int jobsDone(String text) {
        return (int) text.lines().filter(l -> l.startsWith("job ") && l.strip().endsWith(" end")
                || l.startsWith("scenario ") && l.strip().endsWith(" end")).count();
    }

    /** For an error line: the last job or scenario the guest started. */
    static String lastJob(String text) {
        return text.lines().filter(l -> l.strip().endsWith(" begin") && !l.startsWith("==="))
                .reduce((a, b) -> b).map(l -> "last started: " + l.strip().replace(" begin", ""))
                .orElse(text.contains(BEGIN) ? "no job started" : "no report from the guest at all");
    }

    public static Either<String, GuestOutput> parse(String text) {
        int b = text.indexOf(BEGIN);
        int e = text.indexOf(END);
        if (b < 0 || e < b) {
            return Either.left("the guest's report has no begin/end markers");
        }
        java.util.Map<String, String> facts = new LinkedHashMap<>();
        java.util.Map<String, Long> syms = new LinkedHashMap<>();
        java.util.Map<String, JobResult> jobs = new LinkedHashMap<>();
        java.util.Map<String, java.util.List<StepResult>> steps = new LinkedHashMap<>();
        java.util.List<String> traceable = new ArrayList<>();
        String job = null;
        String scenario = null;
        for (String raw : text.substring(b + BEGIN.length(), e).split("\n")) {
            String l = raw.strip();
            String[] w = l.split(" ");
            try {
                switch (w[0]) {
                    case "uname", "cpu" -> facts.put(w[0], l.substring(w[0].length()).strip());
                    case "vuln" -> facts.put("vuln " + w[1], w.length > 2 ? w[2] : "");
                    case "sym" -> syms.put(w[1], Long.parseUnsignedLong(w[2].substring(2), 16));
                    case "traceable" -> traceable.add(w[1]);
                    case "job" -> {
                        if (w[2].equals("begin")) {
                            job = w[1];
                            jobs.put(job, new JobResult(job, Option.none(), Option.none(), Option.none()));
                        } else {
                            job = null;
                        }
                    }
                    case "load", "attach" -> {
                        if (job != null) {
                            JobResult r = jobs.get(job);
                            jobs.put(job, new JobResult(job, Option.of(new JobResult.Refusal(w[0],
                                    Integer.parseInt(w[1]), Integer.parseInt(w[2]))), r.tramp(), r.error()));
                        }
                    }
                    case "tramp" -> {
                        if (job != null) {
                            JobResult r = jobs.get(job);
                            jobs.put(job, new JobResult(job, r.refusal(), Option.of(tramp(fields(w))), r.error()));
                        }
                    }
                    case "progs" -> {
                        if (job != null && jobs.get(job).tramp().isDefined()) {
                            JobResult r = jobs.get(job);
                            jobs.put(job, new JobResult(job, r.refusal(), r.tramp().map(t -> withProgs(t, w)),
                                    r.error()));
                        }
                    }
                    case "bytes" -> {
                        if (job != null && jobs.get(job).tramp().isDefined()) {
                            JobResult r = jobs.get(job);
                            byte[] bytes = HexFormat.of().parseHex(w.length > 1 ? w[1] : "");
                            jobs.put(job, new JobResult(job, r.refusal(), r.tramp().map(t -> withBytes(t, bytes)),
                                    r.error()));
                        }
                    }
                    case "error" -> {
                        if (job != null) {
                            JobResult r = jobs.get(job);
                            jobs.put(job, new JobResult(job, r.refusal(), r.tramp(), Option.of(l)));
                        } else if (!l.startsWith("error no_iterator")) {
                            return Either.left("the guest's loader reported: " + l);
                        }
                    }
                    case "scenario" -> {
                        if (w[2].equals("begin")) {
                            scenario = w[1];
                            steps.put(scenario, new ArrayList<>());
                        }
                    }
                    case "step" -> {
                        if (scenario != null) {
                            java.util.Map<String, String> info = new LinkedHashMap<>();
                            for (int i = 3; i < w.length; i++) {
                                String[] kv = w[i].split("=", 2);
                                info.put(kv[0], kv.length > 1 ? kv[1] : "");
                            }
                            steps.get(scenario).add(new StepResult(w[1], Integer.parseInt(w[2]),
                                    HashMap.ofAll(info)));
                        }
                    }
                    default -> {
                        // ready/done/end lines and anything the kernel printed on the port carry nothing to compare
                    }
                }
            } catch (RuntimeException ex) {
                return Either.left("unreadable line in the guest's report: " + (l.length() > 80 ? l.substring(0, 80)
                        + "..." : l));
            }
        }
        java.util.Map<String, List<StepResult>> st = new LinkedHashMap<>();
        steps.forEach((k, v) -> st.put(k, List.ofAll(v)));
        return Either.right(new GuestOutput(io.vavr.collection.LinkedHashMap.ofAll(facts),
                io.vavr.collection.LinkedHashMap.ofAll(syms), io.vavr.collection.LinkedHashMap.ofAll(jobs),
                io.vavr.collection.LinkedHashMap.ofAll(st), List.ofAll(traceable)));
    }

    private static java.util.Map<String, String> fields(String[] w) {
        java.util.Map<String, String> m = new java.util.HashMap<>();
        for (int i = 1; i < w.length; i++) {
            String[] kv = w[i].split("=", 2);
            m.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        return m;
    }

    private static long hex(String s) {
        return Long.parseUnsignedLong(s.startsWith("0x") ? s.substring(2) : s, 16);
    }

    private static List<Integer> ints(String s) {
        return s == null || s.isEmpty() ? List.empty() : List.of(s.split(",")).map(Integer::parseInt);
    }

    private static TrampDump tramp(java.util.Map<String, String> f) {
        return new TrampDump(hex(f.get("tr")), hex(f.get("key")), (int) hex(f.get("flags")), hex(f.get("func")),
                hex(f.get("im")), hex(f.get("image")), Integer.parseInt(f.get("size")), (int) hex(f.get("head")),
                hex(f.get("thunk")),
                Integer.parseInt(f.get("ret_size")), Integer.parseInt(f.get("ret_flags")),
                Integer.parseInt(f.get("nr_args")), ints(f.get("arg_size")), ints(f.get("arg_flags")),
                List.of(List.empty(), List.empty(), List.empty()), new byte[0]);
    }

    private static final List<String> KINDS = List.of("fentry", "fexit", "fmod_ret");

    private static TrampDump withProgs(TrampDump t, String[] w) {
        int k = KINDS.indexOf(w[1]);
        List<TrampDump.ProgDump> ps = List.empty();
        for (int i = 3; i < w.length; i++) {
            String[] p = w[i].split(":");
            ps = ps.append(new TrampDump.ProgDump(hex(p[0]), hex(p[1]), hex(p[2])));
        }
        return new TrampDump(t.tr(), t.key(), t.flags(), t.funcAddr(), t.im(), t.image(), t.size(), t.funcHead(),
                t.thunk(), t.retSize(), t.retFlags(), t.nrArgs(), t.argSize(), t.argFlags(), t.progs().update(k, ps),
                t.bytes());
    }

    private static TrampDump withBytes(TrampDump t, byte[] bytes) {
        return new TrampDump(t.tr(), t.key(), t.flags(), t.funcAddr(), t.im(), t.image(), t.size(), t.funcHead(),
                t.thunk(), t.retSize(), t.retFlags(), t.nrArgs(), t.argSize(), t.argFlags(), t.progs(), bytes);
    }
}
