package multilink.spec;

import io.vavr.collection.List;
import io.vavr.control.Option;
import multilink.model.design.Design;
import multilink.model.design.Designs;
import multilink.model.kernel.Syscalls;
import multilink.model.state.KState;
import multilink.model.state.ProgType;
import multilink.model.step.Op;
import multilink.model.step.Step;
import multilink.model.world.Target;
import multilink.spec.bounds.Bounds;
import multilink.spec.canon.CanonicalState;
import multilink.spec.tla.TlaParser;
import multilink.spec.tla.TlaValue;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * dong-v2-global's objects in the canonical form: what its {@code tla()}
 * prints is a TLA+ value the parser reads (the spec's {@code dobjects}), the
 * record has the field {@code direct} hook P2 reads, and a kernel whose links
 * are all gone is the boot state again.
 */
class DongV2GlobalCanonicalTest {
    static final Design D = Designs.byName("dong-v2-global").get();

    static KState run(List<Op> ops) {
        KState s = KState.initial(Bounds.WORLD);
        for (Op op : ops) {
            s = Syscalls.step(D, s, Step.of(op)).state();
        }
        return s;
    }

    static final Op LOAD = new Op.Load(ProgType.FENTRY_MULTI, new Target.Func("bpf_fentry_test1"), false);
    static final Op LINK = new Op.AttachMulti(2, List.of(new Target.Func("bpf_fentry_test1"),
            new Target.Func("bpf_modify_return_test")), Option.of(List.of(1L, 2L)), 0, Option.none());

    @Test
    void theObjectsAreATlaRecordWithItsDirectSites() {
        KState linked = run(List.of(LOAD, LINK));
        TlaValue v = TlaParser.parse(linked.designObjects().tla()).get();
        assertEquals(CanonicalState.of(linked).get("dobjects").get(), v);
        TlaValue.Fn rec = (TlaValue.Fn) v;
        assertEquals(TlaParser.parse("{\"bpf_fentry_test1\", \"bpf_modify_return_test\"}").get(),
                rec.map().get(TlaValue.str("direct")).get());
        assertEquals(TlaParser.parse("(1 :> {\"bpf_fentry_test1\"} @@ 2 :> {\"bpf_modify_return_test\"})").get(),
                rec.map().get(TlaValue.str("gtr")).get());
        assertTrue(CanonicalState.key(linked).contains("dobjects = ["), CanonicalState.key(linked));
    }

    @Test
    void allLinksClosedIsTheBootStateOfTheSlot() {
        KState boot = KState.initial(Bounds.WORLD);
        KState linked = run(List.of(LOAD, LINK));
        KState closed = run(List.of(LOAD, LINK, new Op.CloseLink(1)));
        assertNotEquals(CanonicalState.of(boot).get("dobjects"), CanonicalState.of(linked).get("dobjects"));
        assertEquals(CanonicalState.of(boot).get("dobjects"), CanonicalState.of(closed).get("dobjects"));
    }
}
