package multilink.cli;

import io.vavr.collection.List;
import io.vavr.control.Either;
import multilink.model.state.ProgType;
import multilink.model.world.World;

/**
 * A classic scenario as the guest's loader takes it ("s STEP OP ..." lines, loader.c), or why the stock guest
 * cannot play it: a classic kernel has no multi-attach, and the guest has one target program, the world's
 * {@code xdp_target} (target.bpf.c: an XDP program with the global functions subprog_a and subprog_b), loaded
 * at the start of a scenario that names it ("t NAME"); fentry, fexit, fmod_ret and freplace programs are loaded
 * against its functions with attach_prog_fd. Names stay the scenario's; a link an attach does not name gets
 * "_sN"; world functions and modules the guest lacks are played on its stand-ins ({@link LiveWorlds}).
 */
final class LiveScenarioJob {
    private LiveScenarioJob() {
    }

    static Either<String, String> job(String id, Scenario s, World w) {
        StringBuilder sb = new StringBuilder("scenario ").append(id).append('\n');
        List<String> targets = s.steps().flatMap(st -> targetProg(st.op(), w)).distinct();
        for (String t : targets) {
            if (!t.equals(GUEST_TARGET)) {
                return Either.left("the guest has no target program " + t + " (only " + GUEST_TARGET + ")");
            }
            sb.append("t ").append(t).append('\n');
        }
        int i = 0;
        for (ScenarioStep st : s.steps()) {
            i++;
            var line = line(i, st.op(), w);
            if (line.isLeft()) {
                return Either.left("step " + i + ": " + line.getLeft());
            }
            sb.append("s ").append(i).append(' ').append(line.get()).append('\n');
        }
        return Either.right(sb.append("end\n").toString());
    }

    private static final List<ProgType> TRACING = List.of(ProgType.FENTRY, ProgType.FEXIT, ProgType.FMOD_RET);

    /** The world target program the guest loads (cli/src/main/resources/multilink/live/target.bpf.c). */
    static final String GUEST_TARGET = "xdp_target";

    /** The world target program a step names: a load as "PROG:FUNC", a close or attach by its name. */
    private static io.vavr.control.Option<String> targetProg(NamedOp op, World w) {
        String prog = op instanceof NamedOp.Load l && l.target().contains(":")
                ? l.target().substring(0, l.target().indexOf(':'))
                : op instanceof NamedOp.CloseProg c ? c.prog() : op instanceof NamedOp.Attach a ? a.prog() : "";
        return w.targetProgs().find(t -> t.name().equals(prog)).map(t -> prog);
    }

    private static Either<String, String> line(int i, NamedOp op, World w) {
        if (op instanceof NamedOp.Load l) {
            boolean subprog = l.target().contains(":");
            if (!TRACING.contains(l.type()) && !(subprog && l.type() == ProgType.FREPLACE)) {
                return Either.left(l.type() + " programs need multi-attach the guest lacks"
                        + (l.type() == ProgType.FREPLACE ? " or a target program" : ""));
            }
            if (subprog) {
                if (targetProg(op, w).isEmpty()) {
                    return Either.left("a subprog target of a prog the scenario loads needs its BTF on the guest");
                }
                String prog = l.target().substring(0, l.target().indexOf(':'));
                String func = l.target().substring(l.target().indexOf(':') + 1);
                return Either.right("load " + l.prog() + " " + kind(l.type()) + " " + func + " "
                        + (l.sleepable() ? 1 : 0) + " @" + prog);
            }
            String module = w.function(l.target()).flatMap(f -> f.module()).map(LiveWorlds::guestModule)
                    .getOrElse("-");
            return Either.right("load " + l.prog() + " " + kind(l.type()) + " " + LiveWorlds.guestName(l.target())
                    + " " + (l.sleepable() ? 1 : 0) + " " + module);
        } else if (op instanceof NamedOp.Attach a) {
            if (a.retarget().isDefined()) {
                return Either.left("an attach that names a new target (target_fd, target_btf_id) is not in the "
                        + "guest's loader");
            }
            return Either.right("attach " + a.prog() + " " + a.as().getOrElse("_s" + i) + " " + a.cookie());
        } else if (op instanceof NamedOp.AttachMulti) {
            return Either.left("attach_multi: a classic kernel has no multi-attach");
        } else if (op instanceof NamedOp.CloseLink c) {
            return Either.right("close_link " + c.link());
        } else if (op instanceof NamedOp.CloseProg c) {
            return Either.right("close_prog " + c.prog());
        } else if (op instanceof NamedOp.DetachLink d) {
            return Either.right("detach_link " + d.link());
        }
        return Either.right("unload_module " + LiveWorlds.guestModule(((NamedOp.UnloadModule) op).module()));
    }

    private static String kind(ProgType t) {
        return t == ProgType.FENTRY ? "fentry" : t == ProgType.FEXIT ? "fexit"
                : t == ProgType.FREPLACE ? "freplace" : "fmod_ret";
    }
}
