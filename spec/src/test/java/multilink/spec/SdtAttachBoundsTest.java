package multilink.spec;

import io.vavr.collection.SortedSet;
import io.vavr.collection.TreeSet;
import multilink.model.design.Design;
import multilink.model.design.Designs;
import multilink.model.step.Op;
import multilink.spec.bounds.Bounds;
import multilink.spec.bounds.StepSpace;
import multilink.spec.graph.Edge;
import multilink.spec.graph.JavaExplorer;
import multilink.spec.graph.StateGraph;
import multilink.spec.tla.TlaParser;
import multilink.spec.tla.TlaValue;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What sdt-observer's default bounds (MCSdtObserver.cfg, the graph the
 * exhaustive conformance holds equal to TLC's) reach of seed 004's
 * {@code bpf_sdt_link_attach}: the errnos of every attach of an SDT observer
 * in the model's graph. One is out of reach, as spec/README.md says: the
 * {@code !sdt || !tgt_prog} -EINVAL (an observer always has its target prog
 * but under bug_sdt_attach_consumes_dst_prog, which SwitchedTraceValidationTest
 * and the kill matrix take).
 */
class SdtAttachBoundsTest {

    /** The errnos of the attach steps whose prog is an SDT observer in the state they leave. */
    static SortedSet<String> sdtAttachErrnos(String name) {
        Design d = Designs.parse(name).get();
        StepSpace space = StepSpace.of(d, Bounds.of(d, RunConfig.defaultFor(d)));
        StateGraph g = JavaExplorer.explore(d, space);
        return TreeSet.ofAll(g.edges().filter(e -> space.steps().get(e.step()).op() instanceof Op.Attach a
                && isSdt(g.states().get(e.from()), a.prog())).map(Edge::errno));
    }

    /** Whether prog {@code id} of a canonical state (CanonicalState.key) is an SDT observer. */
    private static boolean isSdt(String state, int id) {
        String progs = state.lines().filter(l -> l.startsWith("progs = ")).findFirst().orElseThrow().substring(8);
        TlaValue.Fn f = (TlaValue.Fn) TlaParser.parse(progs).get();
        return f.map().get(TlaValue.num(id)).map(p -> ((TlaValue.Fn) p).get("type").equals(TlaValue.str("sdt")))
                .getOrElse(false);
    }

    @Test
    void theDefaultBoundsReachEveryErrnoOfTheSdtAttachButTheOneDocumented() {
        // link_create's EBADF (the observer's fd closed while a link holds it); link_alloc,
        // trampoline_get and image_alloc ENOMEM, link_prime EMFILE, arch_prepare EFAULT; EBUSY: the
        // observer already on its probe; E2BIG: the same with two observers there, as the limit
        // (BPF_MAX_TRAMP_LINKS 2) comes before the check for a prog already on the list
        assertEquals(TreeSet.of("E2BIG", "EBADF", "EBUSY", "EFAULT", "EMFILE", "ENOMEM", "ok"),
                sdtAttachErrnos("sdt-observer+fixes"));
    }
}
