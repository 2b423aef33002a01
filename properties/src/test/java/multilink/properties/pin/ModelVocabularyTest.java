package multilink.properties.pin;

import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.control.Option;
import multilink.model.Errno;
import multilink.model.design.Design;
import multilink.model.design.Designs;
import multilink.model.design.KnownFinding;
import multilink.model.state.Image;
import multilink.model.state.ProgType;
import multilink.model.state.TrampKind;
import multilink.model.state.TrampNode;
import multilink.model.state.Warning;
import multilink.model.step.Fault;
import multilink.model.step.FaultPoint;
import multilink.model.step.Op;
import multilink.model.step.RefEvent;
import multilink.model.step.Step;
import multilink.model.world.DefaultWorld;
import multilink.model.world.KernelFunc;
import multilink.model.world.Target;
import multilink.model.world.TargetProgDef;
import multilink.model.world.World;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.function.Supplier;

import static multilink.properties.pin.Reached.fn;
import static multilink.properties.pin.Reached.sub;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The model's vocabulary as scenarios, traces and the spec use it: errno
 * numbers and names, fault points, prog types, how steps, events, nodes and
 * images print, the world's catalogue, the designs and their known findings.
 */
class ModelVocabularyTest {

    @Test
    void errnoNumbersAreTheKernels() {
        assertEquals(List.of(0, 1, 2, 7, 9, 11, 12, 14, 16, 17, 19, 22, 24, 28, 95, 524),
                List.of(Errno.values()).map(Errno::value));
        assertTrue(Errno.OK.ok());
        assertEquals(List.of(Errno.OK), List.of(Errno.values()).filter(Errno::ok));
        assertEquals("ok", Errno.OK.toString());
        assertEquals("EBUSY", Errno.EBUSY.toString());
    }

    @ParameterizedTest
    @EnumSource(Errno.class)
    void errnoParsesItsName(Errno e) {
        assertEquals(Option.of(e), Errno.parse(e.toString()));
        assertEquals(Option.of(e), Errno.parse(e.name()));
    }

    @Test
    void errnoParseRejectsTheRest() {
        assertEquals(Option.of(Errno.OK), Errno.parse("OK"));
        assertEquals(Option.none(), Errno.parse("ebusy"));
        assertEquals(Option.none(), Errno.parse("EWHATEVER"));
        assertEquals(Option.none(), Errno.parse(""));
    }

    static java.util.stream.Stream<FaultPoint> everyFaultPoint() {
        return FaultPoint.all().toJavaStream();
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("everyFaultPoint")
    void faultPointsParseTheirScenarioName(FaultPoint p) {
        assertEquals(Option.of(p), FaultPoint.parse(p.scenarioName()));
        assertEquals(p.scenarioName(), p.toString());
        assertEquals(p.equals(FaultPoint.KVMALLOC_VMALLOC), p.errno().ok(), "only the vmalloc fallback is no failure");
    }

    @Test
    void faultPointNamesAndErrnos() {
        assertEquals(Option.none(), FaultPoint.parse("LINK_ALLOC"));
        assertEquals(Option.none(), FaultPoint.parse("nope"));
        assertEquals(List.of("link_alloc", "array_alloc", "kvmalloc_vmalloc", "copy_from_user", "link_prime",
                "trampoline_get", "image_alloc", "arch_prepare", "ftrace_hash_alloc", "ftrace_register",
                "ftrace_modify", "ftrace_unregister"), FaultPoint.SHARED.map(FaultPoint::scenarioName));
        assertEquals(List.of(Errno.ENOMEM, Errno.ENOMEM, Errno.OK, Errno.EFAULT, Errno.EMFILE, Errno.ENOMEM,
                Errno.ENOMEM, Errno.EFAULT, Errno.ENOMEM, Errno.ENOMEM, Errno.ENOMEM, Errno.ENOMEM),
                FaultPoint.SHARED.map(FaultPoint::errno));
    }

    @ParameterizedTest
    @EnumSource(ProgType.class)
    void progTypesParseTheirScenarioName(ProgType t) {
        assertEquals(Option.of(t), ProgType.parse(t.scenarioName()));
        assertEquals(t.scenarioName(), t.toString());
    }

    @Test
    void progTypeKindsAndClasses() {
        assertEquals(Option.none(), ProgType.parse("FENTRY"));
        assertEquals(List.of(TrampKind.FENTRY, TrampKind.FEXIT, TrampKind.MODIFY_RETURN, TrampKind.REPLACE,
                TrampKind.FENTRY, TrampKind.FEXIT, TrampKind.MODIFY_RETURN, TrampKind.FENTRY, TrampKind.NONE),
                List.of(ProgType.values()).map(ProgType::kind));
        assertEquals(List.of(ProgType.FENTRY_MULTI, ProgType.FEXIT_MULTI, ProgType.FMOD_RET_MULTI),
                List.of(ProgType.values()).filter(ProgType::multi));
        assertEquals(List.of(ProgType.FENTRY, ProgType.FEXIT, ProgType.FMOD_RET, ProgType.FENTRY_MULTI,
                ProgType.FEXIT_MULTI, ProgType.FMOD_RET_MULTI), List.of(ProgType.values()).filter(ProgType::tracing));
    }

    @Test
    void warningKindsThatAreWarnOns() {
        assertEquals(List.of(Warning.Kind.UNLINK_FAILED, Warning.Kind.TRAMPOLINE_PUT_NONEMPTY,
                Warning.Kind.FTRACE_UPDATE_FAILED), List.of(Warning.Kind.values()).filter(Warning.Kind::warnOn));
        assertEquals("MEMORY_LEAK(link.entries)", new Warning(Warning.Kind.MEMORY_LEAK, "link.entries").toString());
    }

    @Test
    void stepsFaultsAndEventsPrint() {
        Step plain = Step.of(new Op.CloseLink(3));
        assertEquals("CloseLink[link=3]", plain.toString());
        Step faulty = Step.faulty(new Op.CloseLink(3), FaultPoint.IMAGE_ALLOC, 2);
        assertEquals("CloseLink[link=3] !image_alloc#2", faulty.toString());
        assertEquals(Option.of(new Fault(FaultPoint.IMAGE_ALLOC, 2)), faulty.fault());
        assertEquals("image_alloc#2", new Fault(FaultPoint.IMAGE_ALLOC, 2).toString());
        assertEquals("bpf_prog_put(prog 2)=0", new RefEvent("bpf_prog_put", "prog 2", 0).toString());
        assertEquals("kfree(cookies)", new RefEvent("kfree", "cookies", -1).toString());
        Supplier<String> lazy = () -> "built late";
        assertEquals("built late", new RefEvent("x", lazy, 1).object());
        assertEquals("x(built late)=1", new RefEvent("x", lazy, 1).toString());
        assertEquals("7", new RefEvent("x", 7, -1).object());
    }

    @Test
    void attachMultiCountsItsTargetsUnlessTold() {
        Op.AttachMulti m = new Op.AttachMulti(2, List.of(fn("a"), fn("b")), Option.none(), 0, Option.none());
        assertEquals(2, m.count());
        assertEquals(5, new Op.AttachMulti(2, List.of(fn("a")), Option.none(), 0, Option.of(5)).count());
    }

    @Test
    void nodesAndImagesPrint() {
        assertEquals("L1/p2", new TrampNode(1, 2, 0).toString());
        assertEquals("L1/p2#7", new TrampNode(1, 2, 7).toString());
        Image im = new Image(fn("f"), List.of(new TrampNode(1, 2, 0), new TrampNode(3, 4, 5)),
                List.of(new TrampNode(6, 7, 0)), List.of(new TrampNode(8, 9, 0)));
        assertEquals("img(f:L1/p2,L3/p4#5|L6/p7|L8/p9)", im.toString());
        for (int p : List.of(2, 4, 7, 9)) {
            assertTrue(im.names(p), "names prog " + p);
        }
        assertFalse(im.names(1));
        for (int l : List.of(1, 3, 6, 8)) {
            assertTrue(im.namesLink(l), "names link " + l);
        }
        assertFalse(im.namesLink(2));
        assertEquals("bpf_fentry_test1", fn("bpf_fentry_test1").toString());
        assertEquals("prog1:subprog_a", sub("subprog_a").toString());
    }

    @Test
    void targetsOrderFunctionsFirstThenByName() {
        List<Target> sorted = List.of(new Target.Subprog(2, "a"), sub("subprog_b"), fn("b"), sub("subprog_a"),
                fn("a")).sorted();
        assertEquals(List.of(fn("a"), fn("b"), sub("subprog_a"), sub("subprog_b"), new Target.Subprog(2, "a")),
                sorted);
        assertEquals(0, sub("x").compareTo(sub("x")));
        assertTrue(sub("x").compareTo(fn("x")) > 0);
        assertTrue(fn("x").compareTo(sub("x")) < 0);
    }

    @Test
    void theDefaultWorld() {
        World w = DefaultWorld.get();
        assertEquals(38, w.maxTrampLinks());
        assertEquals(2, w.firstUserProgId());
        assertEquals(Option.of(new TargetProgDef(1, "xdp_target", List.of("subprog_a", "subprog_b"),
                        List.of(new multilink.model.world.SdtProbe("probe_pass", 40, 2),
                                new multilink.model.world.SdtProbe("probe_drop", 2, 3)))),
                w.targetProgNamed("xdp_target"));
        TargetProgDef xdp = w.targetProgNamed("xdp_target").get();
        assertEquals(List.of(1, 2, -1), List.of("subprog_a", "subprog_b", "nope").map(n -> xdp.btfId(n).getOrElse(-1)));
        assertEquals(List.of("-", "subprog_a", "subprog_b", "-"),
                List.of(0, 1, 2, 3).map(i -> xdp.subprogWithBtfId(i).getOrElse("-")));
        assertEquals(Option.none(), xdp.probe("nope"));
        assertEquals(List.empty(), new TargetProgDef(3, "t", List.of("s")).probes());
        assertEquals(Option.none(), w.targetProgNamed("nope"));
        assertEquals(Option.none(), w.targetProg(2));
        assertEquals(Option.none(), w.function("nope"));
        KernelFunc mod = w.function("bpf_testmod_fentry_test2").get();
        assertEquals(Option.of(DefaultWorld.MODULE), mod.module());
        assertEquals("btf:" + DefaultWorld.MODULE, mod.btf());
        assertTrue(mod.fmodRetAllowed() && mod.returnsInt());
        assertEquals("vmlinux", w.function("bpf_fentry_test1").get().btf());
        assertTrue(w.function("bpf_fentry_test1").get().sleepableAllowed());
        assertFalse(w.function("bpf_fentry_test2").get().sleepableAllowed());
        assertFalse(w.function("bpf_lsm_inline_helper").get().ftraceable());
        KernelFunc exit = w.function("do_exit").get();
        assertTrue(exit.noreturn() && !exit.returnsInt());
        assertTrue(w.function("migrate_disable").get().denied());
        assertEquals(6, w.function("bpf_fentry_test6").get().nrArgs());
        World explore = DefaultWorld.explore();
        assertEquals(2, explore.maxTrampLinks(), "low enough for random chains to reach -E2BIG");
        assertEquals(w.withMaxTrampLinks(2), explore);
        World small = DefaultWorld.small();
        assertEquals(List.of("bpf_fentry_test1", "bpf_modify_return_test", "bpf_testmod_fentry_test1"),
                small.functions().map(KernelFunc::name));
        assertEquals(2, small.maxTrampLinks());
        assertEquals(1, small.firstUserProgId(), "no target progs in the small world");
        assertEquals(List.of(DefaultWorld.MODULE), small.modules());
    }

    @Test
    void theDesigns() {
        assertEquals(List.of("classic", "olsa-v3", "upstream", "dong-v1", "dong-v2-global", "sdt-observer"),
                Designs.names());
        assertEquals(Option.none(), Designs.byName("dong-v3"));
        for (String n : Designs.names()) {
            assertEquals(n, Designs.byName(n).get().name());
        }
        Design classic = Designs.byName("classic").get();
        assertEquals(8, classic.faultPoints().size());
        assertFalse(classic.faultPoints().contains(FaultPoint.ARRAY_ALLOC));
        assertEquals(classic.faultPoints().appendAll(List.of(FaultPoint.ARRAY_ALLOC, FaultPoint.COPY_FROM_USER,
                FaultPoint.FTRACE_HASH_ALLOC)), Designs.byName("upstream").get().faultPoints());
        assertEquals(classic.faultPoints().appendAll(List.of(FaultPoint.ARRAY_ALLOC, FaultPoint.COPY_FROM_USER,
                FaultPoint.KVMALLOC_VMALLOC)), Designs.byName("dong-v1").get().faultPoints());
        // seed 003 v2: the user arrays of seed 001, the ftrace hashes of its reset, and its own two points
        assertEquals(classic.faultPoints().appendAll(List.of(FaultPoint.ARRAY_ALLOC, FaultPoint.COPY_FROM_USER,
                FaultPoint.KVMALLOC_VMALLOC, FaultPoint.FTRACE_HASH_ALLOC, new FaultPoint("arch_bpf_get_regs_nr",
                        multilink.model.Errno.ENODEV), new FaultPoint("kfunc_md_alloc", multilink.model.Errno.ENOMEM))),
                Designs.byName("dong-v2-global").get().faultPoints());
        // the findings each design is known for (others may be added): the specific ones before H9
        assertEquals(List.of("H15", "H9"), classic.knownFindings().map(KnownFinding::hazard));
        assertEquals(List.of("H7", "H8", "H9"), Designs.byName("olsa-v3").get().knownFindings()
                .map(KnownFinding::hazard).filter(h -> List.of("H7", "H8", "H9").contains(h)));
        assertTrue(Designs.byName("upstream").get().knownFindings().map(KnownFinding::hazard).contains("H9"));
        assertTrue(Designs.byName("upstream").get().knownFindings().map(KnownFinding::hazard)
                .filter(h -> h.equals("H7") || h.equals("H8")).isEmpty(), "fixed upstream");
        assertEquals(List.of("H5", "H3", "H1", "H14", "H9"), Designs.byName("dong-v1").get().knownFindings()
                .map(KnownFinding::hazard).filter(h -> List.of("H1", "H3", "H5", "H9", "H14").contains(h)));
        assertEquals(List.of("H2", "H6a", "H6b", "H6c", "H14b", "H1", "H15", "H9"), Designs.byName("dong-v2-global").get()
                .knownFindings().map(KnownFinding::hazard));
        for (Design d : Designs.all()) {
            assertEquals(d.name().equals("sdt-observer"), d.loadsSdt(), d.name());
            assertTrue(d.knownFindings().forAll(f -> !f.summary().isBlank()));
        }
    }

    @Test
    void whichMultiTypesLoad() {
        assertEquals(List.empty(), multiTypes("classic"));
        assertEquals(List.of(ProgType.FENTRY_MULTI, ProgType.FEXIT_MULTI), multiTypes("olsa-v3"));
        assertEquals(List.of(ProgType.FENTRY_MULTI, ProgType.FEXIT_MULTI), multiTypes("upstream"));
        assertEquals(List.of(ProgType.FENTRY_MULTI, ProgType.FEXIT_MULTI, ProgType.FMOD_RET_MULTI),
                multiTypes("dong-v1"));
        assertTrue(Designs.byName("dong-v1").get().multiVerifiedAgainstTarget());
        assertEquals(List.of(ProgType.FENTRY_MULTI, ProgType.FEXIT_MULTI, ProgType.FMOD_RET_MULTI),
                multiTypes("dong-v2-global"));
        assertFalse(Designs.byName("dong-v2-global").get().multiVerifiedAgainstTarget(), "no trampoline at load");
        assertFalse(Designs.byName("upstream").get().multiVerifiedAgainstTarget());
        assertFalse(Designs.byName("classic").get().multiVerifiedAgainstTarget());
    }

    static List<ProgType> multiTypes(String design) {
        Design d = Designs.byName(design).get();
        return List.of(ProgType.values()).filter(d::loadsMulti);
    }
}
