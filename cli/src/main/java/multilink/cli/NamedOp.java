package multilink.cli;

import io.vavr.collection.List;
import io.vavr.control.Option;
import multilink.model.state.ProgType;

/**
 * A syscall as a scenario file writes it: progs and links by the names the
 * file gives them, targets as "function" or "prog:subprog". {@link Replay}
 * turns names into ids while it runs, because an id only exists once the
 * step that creates it has succeeded.
 */
public sealed interface NamedOp {

    /** The scenario name of the op ("load", "attach_multi", ...). */
    String opName();

    /** The prog names this op refers to (not the ones it binds). */
    default List<String> progRefs() {
        return List.empty();
    }

    /** The link names this op refers to. */
    default List<String> linkRefs() {
        return List.empty();
    }

    /** The target strings this op names. */
    default List<String> targetRefs() {
        return List.empty();
    }

    /** The name this op binds when it succeeds: a load's prog, an attach's link. */
    default Option<String> binds() {
        return Option.none();
    }

    record Load(String prog, ProgType type, String target, boolean sleepable) implements NamedOp {
        public String opName() {
            return "load";
        }

        public List<String> targetRefs() {
            return List.of(target);
        }

        public Option<String> binds() {
            return Option.of(prog);
        }
    }

    record CloseProg(String prog) implements NamedOp {
        public String opName() {
            return "close_prog";
        }

        public List<String> progRefs() {
            return List.of(prog);
        }
    }

    record Attach(String prog, Option<String> retarget, long cookie, Option<String> as) implements NamedOp {
        public String opName() {
            return "attach";
        }

        public List<String> progRefs() {
            return List.of(prog);
        }

        public List<String> targetRefs() {
            return retarget.toList();
        }

        public Option<String> binds() {
            return as;
        }
    }

    record AttachMulti(String prog, List<String> targets, Option<List<Long>> cookies, int flags,
                       Option<Integer> cnt, Option<String> as) implements NamedOp {
        public String opName() {
            return "attach_multi";
        }

        public List<String> progRefs() {
            return List.of(prog);
        }

        public List<String> targetRefs() {
            return targets;
        }

        public Option<String> binds() {
            return as;
        }
    }

    record CloseLink(String link) implements NamedOp {
        public String opName() {
            return "close_link";
        }

        public List<String> linkRefs() {
            return List.of(link);
        }
    }

    record DetachLink(String link) implements NamedOp {
        public String opName() {
            return "detach_link";
        }

        public List<String> linkRefs() {
            return List.of(link);
        }
    }

    /** BPF_LINK_UPDATE: {@code oldProg} none for an {@code old_prog_fd} of 0. */
    record UpdateLink(String link, String newProg, Option<String> oldProg, int flags) implements NamedOp {
        public String opName() {
            return "update_link";
        }

        public List<String> progRefs() {
            return oldProg.toList().prepend(newProg);
        }

        public List<String> linkRefs() {
            return List.of(link);
        }
    }

    record UnloadModule(String module) implements NamedOp {
        public String opName() {
            return "unload_module";
        }
    }
}
