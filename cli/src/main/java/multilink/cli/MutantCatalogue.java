package multilink.cli;

import io.vavr.collection.List;
import io.vavr.control.Option;
import multilink.model.design.Switch;
import multilink.model.design.Switches;
import multilink.x86.X86Mutant;
import multilink.x86.X86Mutants;

/**
 * The seeded bugs of the kill matrix: every BUG switch of the model (planted
 * on the first design whose paths it changes; the spec implements the same
 * switch), one removed fix (upstream without its image-retirement fix), and
 * the x86 generator's seeded encoding and layout bugs (x86gen's X86Mutants).
 */
final class MutantCatalogue {
    private MutantCatalogue() {
    }

    /**
     * @param name    the bug's name
     * @param design  the design it is planted on, as a design name ({@code classic+bug_...})
     * @param place   the kernel function it stands for
     * @param summary the mistake, in one line
     * @param x86     for an x86 bug, the generator's seeded bug; none for a model bug
     * @param limit1  checked at BPF_MAX_TRAMP_LINKS 1 by both checkers: at 2 it needs a third link on one
     *                trampoline, which TLC's default bounds (two live links) cannot hold
     * @param masked  the fix that leaves the bug's path dead in the design with every fix on, and why (TLC,
     *                which checks that design, cannot show it there; the random checker checks the design
     *                as it is)
     */
    record Mutant(String name, String design, String place, String summary, Option<X86Mutant> x86,
                  boolean limit1, Option<String> masked) {
        Mutant(String name, String design, String place, String summary, Option<X86Mutant> x86) {
            this(name, design, place, summary, x86, false, Option.none());
        }
    }

    static List<Mutant> all() {
        return model().appendAll(x86());
    }

    /** x86gen's seeded bugs (multilink.x86.X86Mutants): checked on sampled images, not on a design. */
    static List<Mutant> x86() {
        return X86Mutants.all().map(m -> new Mutant(m.name(), "x86gen", m.kernelPlace(), m.description(),
                Option.of(m)));
    }

    static List<Mutant> model() {
        return Switches.of(Switch.Kind.BUG)
                .map(s -> new Mutant(s.name(), s.presets().head() + "+" + s.name(), s.place(), s.summary(),
                        Option.none(), s.name().equals("bug_no_tramp_limit"), Option.none()))
                .append(new Mutant("no_retirefix", "upstream-" + Switches.RETIREFIX,
                        "bpf_trampoline_multi_attach_free (merged)",
                        "upstream without its Aug-2026 image-retirement fix (old_image put while still cur_image)",
                        Option.none(), false, Option.of("masked by " + Switches.DETACHNOFAIL + ": no detach's update "
                                + "fails, and only a failed one leaves old_image current")));
    }
}
