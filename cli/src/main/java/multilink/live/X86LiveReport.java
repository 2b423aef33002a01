package multilink.live;

import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.List;
import multilink.x86.ConfigJson;
import multilink.x86.TrampolineConfig;

import java.util.HexFormat;

/**
 * The report of {@code live x86} a kernel developer reads, and the files a difference leaves for replaying it:
 * {@code KERNEL-INDEX.json} (x86gen's configuration with the kernel's addresses: {@code ./multilink x86 --config}
 * prints x86gen's image) and {@code KERNEL-INDEX.txt} (what the kernel built, both listings, how to rerun).
 */
public final class X86LiveReport {
    private X86LiveReport() {
    }

    public static String render(LiveX86.Result r) {
        StringBuilder sb = new StringBuilder();
        var s = r.sample();
        sb.append("live x86: kernel ").append(r.line().describe()).append(", seed ").append(r.seed())
                .append(", x86gen profile ").append(r.line().profile().label()).append('\n');
        sb.append("  drew ").append(s.drawn()).append(" configurations, ").append(s.configs().count(c -> c.drawn() >= 0))
                .append(" realisable on this guest");
        if (!s.skipped().isEmpty()) {
            sb.append(" (skipped: ").append(s.skipped().map(e -> e._2 + " " + e._1).mkString(", ")).append(')');
        }
        sb.append('\n');
        var probes = r.sample().configs().filter(c -> c.drawn() < 0);
        if (!probes.isEmpty()) {
            sb.append("  probes (after the drawn ones): ").append(probes.map(c -> "#" + c.index() + " " + c.target()
                    + " (" + c.probe().map(p -> "verifier: " + Errnos.name(p.errno())).getOrElse(
                    c.config().model().nrArgs() + " args, " + (c.config().links().fmodRet().isEmpty() ? "fentry"
                            : "fmod_ret")) + ")").mkString(", ")).append('\n');
        }
        for (LiveX86.BootInfo b : r.boots()) {
            sb.append("  boot: ").append(b.cpu().qemuCpu()).append(", ").append(b.accel()).append(", ")
                    .append(b.jobs()).append(" configurations in ").append(String.format("%.1f s", b.millis() / 1000.0))
                    .append(" (").append(b.facts().get("vuln retbleed").map(v -> "retbleed: " + v).getOrElse(""))
                    .append(")\n");
        }
        int identical = r.count(ImageOutcome.Identical.class);
        int refused = r.count(ImageOutcome.RefusedAlike.class);
        int differing = r.count(ImageOutcome.Differing.class);
        int notRun = r.count(ImageOutcome.NotRun.class);
        sb.append(String.format("  compared %d: identical %d, refused alike %d%s, differing %d%s%n",
                r.outcomes().size() - notRun, identical, refused, refusals(r), differing,
                notRun > 0 ? ", not run " + notRun : ""));
        for (ImageOutcome o : r.outcomes()) {
            if (o instanceof ImageOutcome.Differing d) {
                sb.append("  DIFFERS #").append(d.config().index()).append(' ').append(describe(d.config()))
                        .append("\n    ").append(d.what()).append('\n');
                d.first().forEach(f -> sb.append("    kernel: ").append(f.kernel()).append("\n    x86gen: ")
                        .append(f.x86gen()).append('\n'));
            } else if (o instanceof ImageOutcome.NotRun n) {
                sb.append("  NOT RUN #").append(n.config().index()).append(' ').append(describe(n.config()))
                        .append(": ").append(n.why()).append('\n');
            }
        }
        return sb.toString();
    }

    private static String refusals(LiveX86.Result r) {
        var by = r.outcomes().filter(o -> o instanceof ImageOutcome.RefusedAlike)
                .map(o -> (ImageOutcome.RefusedAlike) o).groupBy(x -> x.stage() + " " + Errnos.name(x.errno()));
        return by.isEmpty() ? "" : " (" + by.map(e -> e._2.size() + " at " + e._1).mkString(", ") + ")";
    }

    /** "#12 bpf_fentry_test3 fentry 2 fexit 1 flags CALL_ORIG,SKIP_FRAME thunk". */
    static String describe(LiveConfig c) {
        TrampolineConfig t = c.config();
        return c.target() + " (" + t.model().nrArgs() + " args) fentry " + t.links().fentry().size() + " fexit "
                + t.links().fexit().size() + " fmod_ret " + t.links().fmodRet().size() + ", flags "
                + Flags.names(t.flags())
                + (t.cpu().returnThunk() ? ", return thunk" : "");
    }

    /** The files each difference leaves: (name, text) pairs. */
    public static List<Tuple2<String, String>> files(LiveX86.Result r) {
        List<Tuple2<String, String>> out = List.empty();
        for (ImageOutcome o : r.outcomes()) {
            if (!(o instanceof ImageOutcome.Differing d)) {
                continue;
            }
            String base = r.line().name() + "-" + d.config().index();
            TrampolineConfig cfg = d.x86gen().map(i -> i.config()).getOrElse(d.config().config());
            out = out.append(Tuple.of(base + ".json", ConfigJson.write(cfg) + "\n"));
            StringBuilder t = new StringBuilder();
            t.append("kernel: ").append(r.line().describe()).append('\n');
            t.append("rerun: ./multilink live x86 --kernel ").append(r.line().name()).append(" --seed ")
                    .append(r.seed()).append(" --count ").append(r.sample().configs().count(c -> c.drawn() >= 0))
                    .append("   (configuration #").append(d.config().index()).append(", draw ")
                    .append(d.config().drawn()).append(")\n");
            t.append("x86gen: ./multilink x86 --config ").append(base).append(".json\n");
            t.append("target: ").append(describe(d.config())).append('\n');
            t.append("attach order: ").append(d.config().attachOrder().map(a -> a.kind() + (a.ipArg() ? "+ip" : "")
                    + " cookie 0x" + Long.toHexString(a.cookie())).mkString(", ")).append('\n');
            t.append("differs: ").append(d.what()).append('\n');
            d.first().forEach(f -> t.append("first difference:\n  kernel: ").append(f.kernel())
                    .append("\n  x86gen: ").append(f.x86gen()).append('\n'));
            d.kernel().forEach(k -> t.append("kernel flags 0x").append(Integer.toHexString(k.flags()))
                    .append(" image 0x").append(Long.toHexString(k.image())).append(" bytes:\n")
                    .append(HexFormat.of().formatHex(k.bytes())).append('\n'));
            d.x86gen().forEach(x -> t.append("x86gen bytes:\n").append(x.hex()).append("\nx86gen listing:\n")
                    .append(x.listing()).append('\n'));
            out = out.append(Tuple.of(base + ".txt", t.toString()));
        }
        return out;
    }
}
