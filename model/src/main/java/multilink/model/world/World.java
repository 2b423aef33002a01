package multilink.model.world;

import io.vavr.collection.List;
import io.vavr.control.Option;

/**
 * The fixed catalogue a model run works on: kernel functions, modules and
 * preloaded BPF target programs, plus the one limit a world may lower for
 * small model-checking bounds.
 *
 * @param functions     kernel functions
 * @param modules       loadable modules, each with its own BTF
 * @param targetProgs   BPF programs loaded before the run
 * @param maxTrampLinks {@code BPF_MAX_TRAMP_LINKS}: 38 on x86-64 (include/linux/bpf.h)
 */
public record World(List<KernelFunc> functions, List<String> modules, List<TargetProgDef> targetProgs,
                    int maxTrampLinks) {

    public static final int BPF_MAX_TRAMP_LINKS = 38;

    public Option<KernelFunc> function(String name) {
        return functions.find(f -> f.name().equals(name));
    }

    public Option<TargetProgDef> targetProg(int id) {
        return targetProgs.find(t -> t.id() == id);
    }

    public Option<TargetProgDef> targetProgNamed(String name) {
        return targetProgs.find(t -> t.name().equals(name));
    }

    /** Lowest id a user-loaded prog may take: above every preloaded target. */
    public int firstUserProgId() {
        return targetProgs.map(TargetProgDef::id).max().getOrElse(0) + 1;
    }

    public World withMaxTrampLinks(int max) {
        return new World(functions, modules, targetProgs, max);
    }
}
