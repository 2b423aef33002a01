package multilink.cli;

import io.vavr.collection.List;

/** The x86 generator's seeded bugs in the kill matrix (none wired yet). */
final class X86Mutants {
    private X86Mutants() {
    }

    static List<MutantCatalogue.Mutant> all() {
        return List.empty();
    }
}
