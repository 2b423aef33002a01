package multilink.spec.alloy;

import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The same questions at a larger scope than check's (4 of each object, 4 of
 * each kind of target), for a long run: {@code mvn -B -pl spec -am verify
 * -Dtest=AlloyDeepScopeTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dmultilink.alloy.deep=true}. spec/README.md has the times.
 */
@EnabledIfSystemProperty(named = "multilink.alloy.deep", matches = "true")
class AlloyDeepScopeTest {

    @ParameterizedTest
    @CsvSource({
            "refs, no_dangling, 'for 4 but 6 Int', no counterexample",
            "refs, ftrace_reaches_live, 'for 4 but 6 Int', no counterexample",
            "keys, classic, 'for 4 but 3 TargetProg, 4 KernelBtf, 6 Int', no counterexample",
            "keys, olsa_v3, 'for 4 but 3 TargetProg, 4 KernelBtf, 6 Int', no counterexample",
            "keys, upstream, 'for 4 but 3 TargetProg, 4 KernelBtf, 6 Int', no counterexample",
            "keys, dong_v1, 'for 4 but 3 TargetProg, 4 KernelBtf, 6 Int', no counterexample",
            "keys, dong_v2_global, 'for 4 but 3 TargetProg, 4 KernelBtf, 6 Int', no counterexample",
            "keys, sdt_observer, 'for 4 but 3 TargetProg, 4 KernelBtf, 6 Int', counterexample",
            "keys, sdt_tag30, 'for 4 but 3 TargetProg, 4 KernelBtf, 6 Int', no counterexample"})
    void holdsAtScope4(String model, String assertion, String scope, String expected) {
        String source = Alloy.source(model.equals("refs") ? Alloy.REFS : Alloy.KEYS)
                + "\ndeep_" + assertion + ": check " + assertion + " " + scope + "\n";
        AlloyResult r = model.equals("refs") ? RefsModel.run(source, "deep_" + assertion)
                : KeysModel.run(source, "deep_" + assertion);
        System.out.printf("deep %s %s %s: %s in %s%n", model, assertion, scope, r.result(), r.time());
        assertEquals(expected, r.result(), r.detail());
    }
}
