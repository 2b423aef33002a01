package multilink.cli;

import io.vavr.collection.List;
import io.vavr.control.Either;
import multilink.model.state.ProgType;
import multilink.model.world.World;

/**
 * A classic scenario as the guest's loader takes it ("s STEP OP ..." lines, loader.c), or why the stock guest
 * cannot play it: it has no preloaded target program for subprog targets or freplace, and a classic kernel has
 * no multi-attach. Names stay the scenario's; a link an attach does not name gets "_sN"; world functions and
 * modules the guest lacks are played on its stand-ins ({@link LiveWorlds}).
 */
final class LiveScenarioJob {
    private LiveScenarioJob() {
    }

    static Either<String, String> job(String id, Scenario s, World w) {
        StringBuilder sb = new StringBuilder("scenario ").append(id).append('\n');
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

    private static Either<String, String> line(int i, NamedOp op, World w) {
        if (op instanceof NamedOp.Load l) {
            if (!TRACING.contains(l.type())) {
                return Either.left(l.type() + " programs need a target program or multi-attach the guest lacks");
            }
            if (l.target().contains(":")) {
                return Either.left("a subprog target needs a preloaded target program");
            }
            String module = w.function(l.target()).flatMap(f -> f.module()).map(LiveWorlds::guestModule)
                    .getOrElse("-");
            return Either.right("load " + l.prog() + " " + kind(l.type()) + " " + LiveWorlds.guestName(l.target())
                    + " " + (l.sleepable() ? 1 : 0) + " " + module);
        } else if (op instanceof NamedOp.Attach a) {
            if (a.retarget().isDefined()) {
                return Either.left("attach with a target program needs a preloaded target program");
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
        return t == ProgType.FENTRY ? "fentry" : t == ProgType.FEXIT ? "fexit" : "fmod_ret";
    }
}
