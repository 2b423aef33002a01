package multilink.cli;

import io.vavr.collection.List;
import io.vavr.control.Option;
import multilink.model.design.Designs;
import multilink.model.state.ProgType;
import multilink.model.step.Op;
import multilink.model.step.Step;
import multilink.model.world.DefaultWorld;
import multilink.model.world.Target;
import multilink.properties.Checker;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The counterexample picture: the freed object that is the bug, a legend, and unrelated objects in grey. */
class StateDotTest {
    @Test
    void freedImageStillCalledIsDrawnDashedUnrelatedObjectsGreyWithALegend() {
        var steps = List.of(Step.of(new Op.Load(ProgType.FENTRY_MULTI, new Target.Func("bpf_fentry_test1"), false)),
                Step.of(new Op.AttachMulti(2, List.of(new Target.Func("bpf_fentry_test1")), Option.none(), 0,
                        Option.none())),
                Step.of(new Op.CloseLink(1)));
        Checker.Run run = Checker.run(Designs.byName("olsa-v3+bug_multi_detach_no_del").get(), DefaultWorld.get(),
                steps);
        String dot = StateDot.render(run.results().last().outcome().state(), run.results().last().violations(), "t");
        String img = "img(bpf_fentry_test1:L1/p2||)";
        assertTrue(dot.contains("\"" + img + "\" [shape=box, style=\"dashed,filled\""), dot);
        assertTrue(dot.contains("(freed, still referenced)"), dot);
        assertTrue(dot.contains("\"site bpf_fentry_test1\" [shape=cds, label=\"site bpf_fentry_test1\\nftrace direct "
                + "call\", style=filled, fillcolor=\"#ff8080\""), dot);
        assertTrue(dot.contains("\"vmlinux\" [shape=ellipse, label=\"vmlinux\\nrefcnt=2\", color=gray70"), dot);
        assertTrue(dot.contains("subgraph cluster_legend") && dot.contains("fentry, fexit and fmod_ret lists"), dot);
    }
}
