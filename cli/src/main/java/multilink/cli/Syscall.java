package multilink.cli;

/** One line per syscall for tables, in the scenario's own names. */
public final class Syscall {
    private Syscall() {
    }

    public static String describe(ScenarioStep st) {
        return describe(st.op()) + st.fault().map(f -> " !" + f.point() + "#" + f.hit()).getOrElse("");
    }

    static String describe(NamedOp op) {
        if (op instanceof NamedOp.Load l) {
            return "load " + l.prog() + " " + l.type() + " " + l.target() + (l.sleepable() ? " sleepable" : "");
        } else if (op instanceof NamedOp.CloseProg c) {
            return "close_prog " + c.prog();
        } else if (op instanceof NamedOp.Attach a) {
            return "attach " + a.prog() + a.retarget().map(r -> " retarget=" + r).getOrElse("")
                    + (a.cookie() != 0 ? " cookie=" + a.cookie() : "") + a.as().map(x -> " as " + x).getOrElse("");
        } else if (op instanceof NamedOp.AttachMulti m) {
            return "attach_multi " + m.prog() + " " + m.targets().mkString("[", ",", "]")
                    + m.cookies().map(c -> " cookies=" + c.mkString("[", ",", "]")).getOrElse("")
                    + (m.flags() != 0 ? " flags=" + m.flags() : "") + m.cnt().map(c -> " cnt=" + c).getOrElse("")
                    + m.as().map(x -> " as " + x).getOrElse("");
        } else if (op instanceof NamedOp.CloseLink c) {
            return "close_link " + c.link();
        } else if (op instanceof NamedOp.DetachLink d) {
            return "detach_link " + d.link();
        }
        if (op instanceof NamedOp.UpdateLink u) {
            return "update_link " + u.link() + " new_prog " + u.newProg() + u.oldProg().map(o -> " old_prog " + o)
                    .getOrElse("") + (u.flags() != 0 ? " flags=" + u.flags() : "");
        }
        return "unload_module " + ((NamedOp.UnloadModule) op).module();
    }
}
