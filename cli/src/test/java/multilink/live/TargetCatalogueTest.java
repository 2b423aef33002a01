package multilink.live;

import io.vavr.collection.List;
import multilink.x86.FuncModel;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Targets by model, as btf_distill_func_proto() distills BTF prototypes. */
class TargetCatalogueTest {
    @Test
    void distillsLikeTheKernel() {
        FuncModel m = TargetCatalogue.distill(List.of("i:4", "u:1", "p:8", "s:12", "e:4")).get();
        assertEquals(List.of(1, 8, 12, 4), m.argSize());
        assertEquals(List.of(0, 0, FuncModel.BTF_FMODEL_STRUCT_ARG, 0), m.argFlags());
        assertEquals(4, m.retSize());
        assertEquals(0, TargetCatalogue.distill(List.of("v:0")).get().retSize());
        assertTrue(TargetCatalogue.distill(List.of("s:8", "i:4")).isEmpty(), "struct return");
        assertTrue(TargetCatalogue.distill(List.of("i:4", "s:24")).isEmpty(), "struct argument above 16 bytes");
        assertTrue(TargetCatalogue.distill(List.of("i:4", "p:8", ".:0")).isEmpty(), "varargs");
        assertTrue(TargetCatalogue.distill(List.of("i:4", "f:8")).isEmpty(), "float");
        assertTrue(TargetCatalogue.distill(List.fill(14, "p:8")).isEmpty(), "13 arguments");
    }

    @Test
    void picksOnlyUnambiguousTraceableSafeFunctions() {
        List<String> funcs = List.of("bpf_fentry_test1 i:4 i:4", "dup i:4 i:4", "dup i:4 i:4",
                "untraced i:4 i:4", "schedule_foo i:4 i:4", "security_file_open i:4 p:8", "twice i:4 i:4");
        List<String> traceable = List.of("bpf_fentry_test1", "dup", "schedule_foo", "security_file_open",
                "twice", "twice");
        TargetCatalogue c = TargetCatalogue.of(funcs, traceable);
        FuncModel oneInt = TargetCatalogue.distill(List.of("i:4", "i:4")).get();
        for (int i = 0; i < 20; i++) {
            assertEquals("bpf_fentry_test1", c.pick(oneInt, false, new Random(i)).get());
        }
        FuncModel ptr = TargetCatalogue.distill(List.of("i:4", "p:8")).get();
        assertEquals("security_file_open", c.pick(ptr, true, new Random(1)).get());
        assertTrue(c.pick(oneInt, true, new Random(1)).isEmpty(), "fmod_ret needs a security hook");
    }
}
