package multilink.live;

import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.control.Option;
import multilink.x86.Addresses;
import multilink.x86.BpfTrampLink;
import multilink.x86.FuncModel;
import multilink.x86.KernelFlags;
import multilink.x86.KernelSymbol;
import multilink.x86.Linker;
import multilink.x86.TracingAttach;
import multilink.x86.TrampLinks;
import multilink.x86.TrampolineConfig;
import multilink.x86.TrampolineImage;
import multilink.x86.TrampolineKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A kernel answer held against x86gen: the same image, a planted byte, a refusal alike and one not alike. */
class ImageComparisonTest {
    static final KernelLine V61 = KernelLine.byName("6.1").get();
    static final Map<String, Long> SYMS = LinkedHashMap.of(
            "__bpf_prog_enter_recur", 0xffffffff8123eef0L, "__bpf_prog_exit_recur", 0xffffffff8123f110L,
            "__bpf_tramp_enter", 0xffffffff8123f750L, "__bpf_tramp_exit", 0xffffffff8123f780L,
            "__x86_return_thunk", 0xffffffff81e01d30L);
    static final long IMAGE = 0xffffffffc0203000L;
    static final long IM = 0xffff888006065800L;
    static final long FUNC = 0xffffffff81856b60L;

    @TempDir
    Path scratch;

    static LiveConfig config(int nrArgs) {
        TrampLinks links = new TrampLinks(List.of(BpfTrampLink.unlinked(0, false), BpfTrampLink.unlinked(7, false)),
                List.of(BpfTrampLink.unlinked(0x1234, false)), List.empty());
        FuncModel m = new FuncModel(nrArgs, List.fill(nrArgs, 8), List.fill(nrArgs, 0), 4, 0);
        TrampolineConfig c = new TrampolineConfig(V61.profile(), V61.cpu(false), TrampolineKind.TRACING, m,
                KernelFlags.tracing(V61.profile(), links, TracingAttach.PLAIN), links, Addresses.NONE);
        return new LiveConfig(3, 9, c, "bpf_fentry_test3");
    }

    /** What the 6.1 guest would report for x86gen's own image: a zero-filled page cut after its last non-zero byte. */
    static TrampDump dumpOf(TrampolineImage img, List<TrampDump.ProgDump> fentry, List<TrampDump.ProgDump> fexit) {
        byte[] b = img.bytes();
        int len = b.length;
        while (len > 0 && b[len - 1] == 0) {
            len--;
        }
        TrampolineConfig c = img.config();
        return new TrampDump(0xffff88803ff266c0L, 1, c.flags(), FUNC, IM, IMAGE, 0, 0xe5894855, 0x0,
                c.model().retSize(), 0, c.model().nrArgs(), c.model().argSize(), c.model().argFlags(),
                List.of(fentry, fexit, List.empty()), Arrays.copyOf(b, len));
    }

    static final List<TrampDump.ProgDump> FENTRY = List.of(
            new TrampDump.ProgDump(0xffffc900000dd000L, 0xffffffffc0000cccL, 0),
            new TrampDump.ProgDump(0xffffc900000de000L, 0xffffffffc0000d00L, 7));
    static final List<TrampDump.ProgDump> FEXIT = List.of(
            new TrampDump.ProgDump(0xffffc900000df000L, 0xffffffffc0000d40L, 0x1234));

    static TrampolineImage x86gen(LiveConfig lc) {
        Map<KernelSymbol, Long> syms = SYMS.map((k, v) -> io.vavr.Tuple.of(KernelSymbol.bySymbol(k).get(), v));
        return Linker.link(lc.config(), IMAGE, IM, FUNC, syms, FENTRY.appendAll(FEXIT)
                .map(p -> new Linker.ProgAddress(p.prog(), p.bpfFunc()))).get();
    }

    static JobResult job(TrampDump t) {
        return new JobResult("3", Option.none(), Option.of(t), Option.none());
    }

    @Test
    void theSameImageIsIdentical() {
        LiveConfig lc = config(3);
        TrampDump t = dumpOf(x86gen(lc), FENTRY, FEXIT);
        ImageOutcome o = ImageComparison.compare(lc, Option.of(job(t)), SYMS, scratch);
        assertInstanceOf(ImageOutcome.Identical.class, o);
    }

    @Test
    void aPlantedByteIsShownAsTheFirstDifferingInstruction() {
        LiveConfig lc = config(3);
        TrampDump t = dumpOf(x86gen(lc), FENTRY, FEXIT);
        byte[] planted = t.bytes().clone();
        assertEquals((byte) 0x55, planted[0]);   // push rbp
        planted[0] = 0x53;                       // push rbx
        TrampDump bad = new TrampDump(t.tr(), t.key(), t.flags(), t.funcAddr(), t.im(), t.image(), t.size(),
                t.funcHead(), t.thunk(), t.retSize(), t.retFlags(), t.nrArgs(), t.argSize(), t.argFlags(), t.progs(),
                planted);
        ImageOutcome o = ImageComparison.compare(lc, Option.of(job(bad)), SYMS, scratch);
        ImageOutcome.Differing d = assertInstanceOf(ImageOutcome.Differing.class, o);
        assertTrue(d.what().startsWith("bytes: kernel"), d.what());
        assertEquals("ffffffffc0203000: 53  push rbx", d.first().get().kernel());
        assertEquals("ffffffffc0203000: 55  push rbp", d.first().get().x86gen());

        LiveX86.Result r = new LiveX86.Result(V61, 42, new LiveSampler.Sample(List.of(lc), 10,
                io.vavr.collection.TreeMap.empty()), List.of(o), List.empty());
        String report = X86LiveReport.render(r);
        assertTrue(report.contains("compared 1: identical 0, refused alike 0, differing 1"), report);
        assertTrue(report.contains("    kernel: ffffffffc0203000: 53  push rbx\n    x86gen: ffffffffc0203000: 55  push rbp"),
                report);
        var files = X86LiveReport.files(r);
        assertEquals(List.of("6.1-3.json", "6.1-3.txt"), files.map(f -> f._1));
        var replayed = multilink.x86.ConfigJson.parse(files.get(0)._2).get();
        assertTrue(java.util.Arrays.equals(x86gen(lc).bytes(), multilink.x86.X86Gen.generate(replayed).get().bytes()),
                "the .json file regenerates x86gen's image at the kernel's addresses");
        assertTrue(files.get(1)._2.contains("--seed 42"));
    }

    @Test
    void programsOutOfOrderAreADifferenceNotAByteDiff() {
        LiveConfig lc = config(3);
        TrampDump t = dumpOf(x86gen(lc), FENTRY.reverse(), FEXIT);
        var d = assertInstanceOf(ImageOutcome.Differing.class,
                ImageComparison.compare(lc, Option.of(job(t)), SYMS, scratch));
        assertEquals("fentry programs: kernel cookies [0x7,0x0], configuration [0x0,0x7]", d.what());
    }

    @Test
    void refusalsCompareByErrno() {
        LiveConfig seven = config(7);   // 6.1 takes at most six argument registers: ENOTSUPP
        var alike = ImageComparison.compare(seven, Option.of(new JobResult("3",
                Option.of(new JobResult.Refusal("attach", 0, 524)), Option.none(), Option.none())), SYMS, scratch);
        assertInstanceOf(ImageOutcome.RefusedAlike.class, alike);
        var notAlike = ImageComparison.compare(seven, Option.of(new JobResult("3",
                Option.of(new JobResult.Refusal("load", 0, 22)), Option.none(), Option.none())), SYMS, scratch);
        var d = assertInstanceOf(ImageOutcome.Differing.class, notAlike);
        assertTrue(d.what().startsWith("the kernel refused the load of program 1 with EINVAL (22); x86gen refused "
                + "with -ENOTSUPP (-524)"), d.what());
    }
}
