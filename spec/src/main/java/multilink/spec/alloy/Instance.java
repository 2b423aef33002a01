package multilink.spec.alloy;

import edu.mit.csail.sdg.ast.Sig;
import edu.mit.csail.sdg.translator.A4Solution;
import edu.mit.csail.sdg.translator.A4Tuple;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.control.Option;

/**
 * An Alloy instance as plain data: the atoms of each user sig and the tuples
 * of each field, by their labels in the model ({@code Prog}, {@code pcnt}).
 * Atoms keep Alloy's names ({@code Prog$0}); integers are their decimal text.
 */
public record Instance(Map<String, List<String>> sigs, Map<String, List<List<String>>> fields) {

    public static Instance of(A4Solution sol) {
        Map<String, List<String>> sigs = LinkedHashMap.empty();
        Map<String, List<List<String>>> fields = LinkedHashMap.empty();
        for (Sig s : sol.getAllReachableSigs()) {
            if (s.builtin) {
                continue;
            }
            String name = s.label.replace("this/", "");
            sigs = sigs.put(name, List.ofAll(sol.eval(s)).map(t -> t.atom(0)));
            for (Sig.Field f : s.getFields()) {
                List<List<String>> tuples = List.empty();
                for (A4Tuple t : sol.eval(f)) {
                    List<String> atoms = List.empty();
                    for (int i = 0; i < t.arity(); i++) {
                        atoms = atoms.append(t.atom(i));
                    }
                    tuples = tuples.append(atoms);
                }
                fields = fields.put(f.label, tuples);
            }
        }
        return new Instance(sigs, fields);
    }

    /** The atoms of a sig (empty if the model has no such sig). */
    public List<String> atoms(String sig) {
        return sigs.get(sig).getOrElse(List.empty());
    }

    public boolean in(String sig, String atom) {
        return atoms(sig).contains(atom);
    }

    /** What a binary field maps {@code atom} to. */
    public List<String> of(String field, String atom) {
        return fields.get(field).getOrElse(List.empty()).filter(t -> t.head().equals(atom)).map(t -> t.get(1));
    }

    /** The one value of a binary field at {@code atom}, if it has one. */
    public Option<String> one(String field, String atom) {
        return of(field, atom).headOption();
    }

    public int num(String field, String atom) {
        return one(field, atom).map(Integer::parseInt).getOrElse(0);
    }
}
