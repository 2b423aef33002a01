package multilink.properties.pin;

import io.vavr.collection.List;
import io.vavr.control.Option;
import multilink.model.Errno;
import multilink.model.design.Design;
import multilink.model.kernel.Syscalls;
import multilink.model.state.KState;
import multilink.model.state.ProgType;
import multilink.model.step.Outcome;
import multilink.model.step.RefEvent;
import multilink.model.step.Step;
import multilink.model.world.DefaultWorld;
import org.junit.jupiter.api.Test;

import static multilink.properties.pin.Reached.MOD;
import static multilink.properties.pin.Reached.MOD_F1;
import static multilink.properties.pin.Reached.T1;
import static multilink.properties.pin.Reached.T2;
import static multilink.properties.pin.Reached.attach;
import static multilink.properties.pin.Reached.closeLink;
import static multilink.properties.pin.Reached.closeProg;
import static multilink.properties.pin.Reached.design;
import static multilink.properties.pin.Reached.load;
import static multilink.properties.pin.Reached.loadSub;
import static multilink.properties.pin.Reached.multi;
import static multilink.properties.pin.Reached.retarget;
import static multilink.properties.pin.Reached.sub;
import static multilink.properties.pin.Reached.unload;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The reference events each syscall reports, in the kernel's order and with
 * each count after the call: what a trace shows a reviewer, so it is pinned
 * whole for one run of every path (load, classic attach and release of each
 * link kind, the multi attach and release of each design, close, unload).
 */
class EventTraceTest {

    /** Runs the steps; returns each step's events as text, one list per step. */
    static List<List<String>> trace(String name, Step... steps) {
        Design d = design(name);
        KState s = KState.initial(DefaultWorld.get());
        List<List<String>> out = List.empty();
        for (Step st : steps) {
            Outcome o = Syscalls.step(d, s, st);
            assertEquals(Errno.OK, o.errno(), st.toString());
            out = out.append(o.events().map(RefEvent::toString));
            s = o.state();
        }
        return out;
    }

    static final String IMG1 = "img(" + T1 + ":L1/p2||)";

    @Test
    void classicFentryAndFexitOnOneFunction() {
        List<List<String>> t = trace("classic", load(ProgType.FENTRY, T1), load(ProgType.FEXIT, T1), attach(2),
                attach(3), closeLink(1), closeProg(2), closeLink(2), closeProg(3));
        String both = "img(" + T1 + ":L1/p2|L2/p3|)";
        String fexit = "img(" + T1 + ":|L2/p3|)";
        assertEquals(List.of(
                List.of("btf_get(vmlinux)=2", "bpf_trampoline_get(" + T1 + ")=1", "bpf_prog_load(prog 2)=1"),
                List.of("btf_get(vmlinux)=3", "bpf_trampoline_get(" + T1 + ")=2", "bpf_prog_load(prog 3)=1"),
                List.of("bpf_prog_inc(prog 2)=2", "bpf_tramp_image_alloc(" + IMG1 + ")=1",
                        "register_ftrace_direct(" + T1 + " -> " + IMG1 + ")", "bpf_link_settle(link 1)"),
                List.of("bpf_prog_inc(prog 3)=2", "bpf_tramp_image_alloc(" + both + ")=1",
                        "modify_ftrace_direct(" + T1 + " -> " + both + ")", "bpf_tramp_image_put(" + IMG1 + ")=0",
                        "bpf_link_settle(link 2)"),
                List.of("bpf_tramp_image_alloc(" + fexit + ")=1", "modify_ftrace_direct(" + T1 + " -> " + fexit + ")",
                        "bpf_tramp_image_put(" + both + ")=0", "bpf_trampoline_put(" + T1 + ")=1",
                        "bpf_prog_put(prog 2)=1", "bpf_link_dealloc(link 1)"),
                List.of("bpf_prog_put(prog 2)=0", "btf_put(vmlinux)=2"),
                List.of("unregister_ftrace_direct(" + T1 + ")", "bpf_tramp_image_put(" + fexit + ")=0",
                        "bpf_trampoline_put(" + T1 + ")=0", "bpf_prog_put(prog 3)=1", "bpf_link_dealloc(link 2)"),
                List.of("bpf_prog_put(prog 3)=0", "btf_put(vmlinux)=1")), t);
    }

    @Test
    void freplaceAttachRetargetAndRelease() {
        String a = sub("subprog_a").toString();
        String b = sub("subprog_b").toString();
        List<List<String>> t = trace("classic", loadSub(ProgType.FREPLACE, "subprog_a"), attach(2),
                retarget(2, sub("subprog_b")), closeLink(1), closeLink(2), closeProg(2));
        assertEquals(List.of(
                List.of("bpf_prog_inc(prog 1)=2", "bpf_trampoline_get(" + a + ")=1", "bpf_prog_load(prog 2)=1"),
                List.of("bpf_prog_inc(prog 2)=2", "bpf_arch_text_poke(" + a + " -> jmp prog 2)",
                        "bpf_link_settle(link 1)"),
                List.of("bpf_prog_inc(prog 2)=3", "bpf_prog_inc(prog 1)=3", "bpf_trampoline_get(" + b + ")=1",
                        "bpf_arch_text_poke(" + b + " -> jmp prog 2)", "bpf_link_settle(link 2)"),
                List.of("bpf_arch_text_poke(" + a + " -> nop)", "bpf_trampoline_put(" + a + ")=0",
                        "bpf_prog_put(prog 1)=2", "bpf_prog_put(prog 2)=2", "bpf_link_dealloc(link 1)"),
                List.of("bpf_arch_text_poke(" + b + " -> nop)", "bpf_trampoline_put(" + b + ")=0",
                        "bpf_prog_put(prog 1)=1", "bpf_prog_put(prog 2)=1", "bpf_link_dealloc(link 2)"),
                List.of("bpf_prog_put(prog 2)=0")), t);
    }

    @Test
    void fentryOnABpfSubprogIsATextPoke() {
        String a = sub("subprog_a").toString();
        String i2 = "img(" + a + ":L1/p2||)";
        String i23 = "img(" + a + ":L2/p3,L1/p2||)";
        String i3 = "img(" + a + ":L2/p3||)";
        List<List<String>> t = trace("classic", loadSub(ProgType.FENTRY, "subprog_a"),
                loadSub(ProgType.FENTRY, "subprog_a"), attach(2), attach(3), closeLink(1), closeLink(2));
        assertEquals(List.of("bpf_prog_inc(prog 2)=2", "bpf_tramp_image_alloc(" + i2 + ")=1",
                "bpf_arch_text_poke(" + a + " -> " + i2 + ")", "bpf_link_settle(link 1)"), t.get(2));
        assertEquals(List.of("bpf_prog_inc(prog 3)=2", "bpf_tramp_image_alloc(" + i23 + ")=1",
                "bpf_arch_text_poke(" + a + " -> " + i23 + ")", "bpf_tramp_image_put(" + i2 + ")=0",
                "bpf_link_settle(link 2)"), t.get(3));
        assertEquals(List.of("bpf_tramp_image_alloc(" + i3 + ")=1", "bpf_arch_text_poke(" + a + " -> " + i3 + ")",
                "bpf_tramp_image_put(" + i23 + ")=0", "bpf_trampoline_put(" + a + ")=1", "bpf_prog_put(prog 1)=2",
                "bpf_prog_put(prog 2)=1",
                "bpf_link_dealloc(link 1)"), t.get(4));
        assertEquals(List.of("bpf_arch_text_poke(" + a + ")", "bpf_tramp_image_put(" + i3 + ")=0",
                "bpf_trampoline_put(" + a + ")=0", "bpf_prog_put(prog 1)=1", "bpf_prog_put(prog 3)=1",
                "bpf_link_dealloc(link 2)"), t.get(5));
    }

    @Test
    void aModuleFunctionPinsTheModuleUntilTheProgGoes() {
        String img = "img(" + MOD_F1 + ":L1/p2||)";
        List<List<String>> t = trace("classic", load(ProgType.FENTRY, MOD_F1), attach(2), closeLink(1), closeProg(2),
                unload(MOD));
        assertEquals(List.of(
                List.of("try_module_get(" + MOD + ")=1", "btf_get(btf:" + MOD + ")=2",
                        "bpf_trampoline_get(" + MOD_F1 + ")=1", "bpf_prog_load(prog 2)=1"),
                List.of("bpf_prog_inc(prog 2)=2", "bpf_tramp_image_alloc(" + img + ")=1",
                        "register_ftrace_direct(" + MOD_F1 + " -> " + img + ")", "bpf_link_settle(link 1)"),
                List.of("unregister_ftrace_direct(" + MOD_F1 + ")", "bpf_tramp_image_put(" + img + ")=0",
                        "bpf_trampoline_put(" + MOD_F1 + ")=0", "bpf_prog_put(prog 2)=1", "bpf_link_dealloc(link 1)"),
                List.of("bpf_prog_put(prog 2)=0", "module_put(" + MOD + ")=0", "btf_put(btf:" + MOD + ")=1"),
                List.of("delete_module(" + MOD + ")", "btf_put(btf:" + MOD + ")=0")), t);
    }

    @Test
    void singleOpsMultiBatchesFtraceUpdates() {
        String old = IMG1;
        String i1 = "img(" + T1 + ":L2/p3,L1/p2||)";
        String i2 = "img(" + T2 + ":L2/p3||)";
        for (String name : List.of("olsa-v3", "upstream")) {
            List<List<String>> t = trace(name, load(ProgType.FENTRY, T1), attach(2),
                    load(ProgType.FENTRY_MULTI, T1), multi(3, T1, T2), closeLink(2));
            assertEquals(List.of("btf_get(vmlinux)=3", "bpf_prog_load(prog 3)=1"), t.get(2), name);
            assertEquals(List.of("bpf_prog_inc(prog 3)=2", "bpf_trampoline_get(" + T1 + ")=2",
                    "bpf_trampoline_get(" + T2 + ")=1", "bpf_tramp_image_alloc(" + i1 + ")=1",
                    "bpf_tramp_image_alloc(" + i2 + ")=1", "update_ftrace_direct_add(" + T2 + " -> " + i2 + ")",
                    "update_ftrace_direct_mod(" + T1 + " -> " + i1 + ")", "bpf_tramp_image_put(" + old + ")=0",
                    "bpf_link_settle(link 2)"), t.get(3), name);
            assertEquals(List.of("bpf_tramp_image_alloc(" + old + ")=1", "update_ftrace_direct_del(" + T2 + ")",
                    "update_ftrace_direct_mod(" + T1 + " -> " + old + ")", "bpf_tramp_image_put(" + i1 + ")=0",
                    "bpf_tramp_image_put(" + i2 + ")=0", "bpf_trampoline_put(" + T1 + ")=1",
                    "bpf_trampoline_put(" + T2 + ")=0", "bpf_prog_put(prog 3)=1", "bpf_link_dealloc(link 2)"),
                    t.get(4), name);
        }
    }

    @Test
    void dongV1LinksEachTargetWithItsOwnUpdate() {
        String i1 = "img(" + T1 + ":L2/p3,L1/p2||)";
        String im = "img(" + MOD_F1 + ":L2/p3||)";
        List<List<String>> t = trace("dong-v1", load(ProgType.FENTRY, T1), attach(2), load(ProgType.FENTRY_MULTI, T1),
                multi(3, T1, MOD_F1), closeLink(2));
        assertEquals(List.of("btf_get(vmlinux)=3", "bpf_trampoline_get(" + T1 + ")=2", "bpf_prog_load(prog 3)=1"),
                t.get(2));
        // a module target takes its BTF's fd: tgt_fds is passed (seed 001, line 366)
        assertEquals(List.of("bpf_prog_inc(prog 3)=2", "kvmalloc(tgt_fds)", "kvmalloc(btf_ids)",
                "kmalloc(bpf_tracing_multi_link)",
                "kmalloc(link.entries)", "btf_get(vmlinux)=4", "bpf_trampoline_get(" + T1 + ")=3",
                "btf_get(btf:" + MOD + ")=2", "try_module_get(" + MOD + ")=1", "bpf_trampoline_get(" + MOD_F1 + ")=1",
                "bpf_tramp_image_alloc(" + i1 + ")=1", "modify_ftrace_direct(" + T1 + " -> " + i1 + ")",
                "bpf_tramp_image_put(" + IMG1 + ")=0", "bpf_tramp_image_alloc(" + im + ")=1",
                "register_ftrace_direct(" + MOD_F1 + " -> " + im + ")", "bpf_trampoline_put(" + T1 + ")=2",
                "kfree(btf_ids)", "kfree(tgt_fds)", "bpf_link_settle(link 2)"), t.get(3));
        assertEquals(List.of("bpf_tramp_image_alloc(" + IMG1 + ")=1", "modify_ftrace_direct(" + T1 + " -> " + IMG1 + ")",
                "bpf_tramp_image_put(" + i1 + ")=0", "unregister_ftrace_direct(" + MOD_F1 + ")",
                "bpf_tramp_image_put(" + im + ")=0", "module_put(" + MOD + ")=0", "btf_put(vmlinux)=3",
                "btf_put(btf:" + MOD + ")=1", "bpf_trampoline_put(" + T1 + ")=1",
                "bpf_trampoline_put(" + MOD_F1 + ")=0", "bpf_prog_put(prog 3)=1", "bpf_link_dealloc(link 2)"),
                t.get(4));
    }

    @Test
    void dongV1SubprogTargetsAndCookies() {
        String a = sub("subprog_a").toString();
        List<List<String>> t = trace("dong-v1", load(ProgType.FENTRY_MULTI, T1),
                Reached.multiCookies(2, List.of(5L, 6L), Reached.fn(T1), sub("subprog_a")), closeLink(1));
        String i1 = "img(" + T1 + ":L1/p2#5||)";
        String ia = "img(" + a + ":L1/p2#6||)";
        assertEquals(List.of("bpf_prog_inc(prog 2)=2", "kvmalloc(cookies)", "kvmalloc(tgt_fds)", "kvmalloc(btf_ids)",
                "kmalloc(bpf_tracing_multi_link)", "kmalloc(link.entries)", "btf_get(vmlinux)=3",
                "bpf_trampoline_get(" + T1 + ")=2", "bpf_prog_inc(prog 1)=2", "bpf_trampoline_get(" + a + ")=1",
                "bpf_tramp_image_alloc(" + i1 + ")=1", "register_ftrace_direct(" + T1 + " -> " + i1 + ")",
                "bpf_tramp_image_alloc(" + ia + ")=1", "bpf_arch_text_poke(" + a + " -> " + ia + ")",
                "bpf_trampoline_put(" + T1 + ")=1", "kfree(btf_ids)", "kfree(tgt_fds)", "kfree(cookies)",
                "bpf_link_settle(link 1)"), t.get(1));
        assertEquals(List.of("unregister_ftrace_direct(" + T1 + ")", "bpf_tramp_image_put(" + i1 + ")=0",
                "bpf_arch_text_poke(" + a + ")", "bpf_tramp_image_put(" + ia + ")=0", "bpf_prog_put(prog 1)=1",
                "btf_put(vmlinux)=2", "bpf_trampoline_put(" + T1 + ")=0", "bpf_trampoline_put(" + a + ")=0",
                "bpf_prog_put(prog 2)=1", "bpf_link_dealloc(link 1)"), t.get(2));
    }

    @Test
    void aFunctionWithoutFentrySiteIsPokedAndRefuses() {
        KState s = Reached.run("classic", load(ProgType.FENTRY, "bpf_lsm_inline_helper"));
        Outcome o = Syscalls.step(design("classic"), s, attach(2));
        assertEquals(Errno.EBUSY, o.errno());
        String img = "img(bpf_lsm_inline_helper:L1/p2||)";
        assertEquals(List.of("bpf_prog_inc(prog 2)=2", "bpf_tramp_image_alloc(" + img + ")=1",
                "bpf_arch_text_poke(bpf_lsm_inline_helper (not a nop5))", "bpf_tramp_image_put(" + img + ")=0",
                "bpf_prog_put(prog 2)=1"), o.events().map(RefEvent::toString));
        assertEquals(s, o.state());
        assertEquals(Option.none(), o.created());
    }
}
