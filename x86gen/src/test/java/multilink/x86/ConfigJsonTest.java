package multilink.x86;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigJsonTest {
    static final String EXAMPLE = """
            { "profile": "mainline",
              "cpu": {"return_thunk": false, "ibt": false, "sls": true},
              "kind": "tracing",
              "model": {"nr_args": 3, "arg_size": [1, 4, 8], "arg_flags": [0, 0, 0], "ret_size": 4, "ret_flags": 0},
              "flags": "0xe",
              "links": {"fentry": [{"prog": "0xffffc9000056d000", "bpf_func": "0xffffffffc000148c", "cookie": "0x0", "sleepable": false}],
                        "fexit": [], "fmod_ret": []},
              "im": "0xffff888006064400", "image": "0xffffffffc0203000", "func_addr": "0xffffffff81856b60",
              "symbols": {"__bpf_prog_enter_recur": "0xffffffff8123eef0"} }
            """;

    @Test
    void theIssueExampleParses() {
        TrampolineConfig c = ConfigJson.parse(EXAMPLE).getOrElseThrow((String s) -> new AssertionError(s));
        assertEquals(KernelProfile.MAINLINE, c.profile());
        assertEquals(0xe, c.flags());
        assertEquals(3, c.model().nrArgs());
        assertEquals(0xffffffffc000148cL, (long) c.links().fentry().head().bpfFunc().get());
        assertEquals(0xffffffff8123eef0L, (long) c.addresses().symbols().get(KernelSymbol.BPF_PROG_ENTER_RECUR).get());
        TrampolineImage img = X86Gen.generate(c).get();
        assertFalse(img.linked(), "helpers without addresses are placeholders");
        assertTrue(img.listing().startsWith("; UNLINKED: placeholder addresses for __bpf_tramp_enter"), img.listing());
    }

    private static String error(String json) {
        return ConfigJson.parse(json).fold(s -> s, c -> "parsed");
    }

    @Test
    void unknownFieldsAreNamed() {
        assertEquals("unknown field: color", error("{\"color\": 1, \"model\": {}}"));
        assertEquals("unknown field: links.fentry[0].weight",
                error(EXAMPLE.replace("\"sleepable\": false", "\"sleepable\": false, \"weight\": 2")));
        assertEquals("unknown field: symbols.__bpf_prog_enter_lsm",
                error(EXAMPLE.replace("__bpf_prog_enter_recur", "__bpf_prog_enter_lsm")));
        assertEquals("unknown field: cpu.smt", error(EXAMPLE.replace("\"sls\": true", "\"sls\": true, \"smt\": 1")));
    }

    @Test
    void badValuesNameTheField() {
        assertEquals("model.arg_size: expected 3 entries (nr_args), got 2",
                error(EXAMPLE.replace("[1, 4, 8]", "[1, 4]")));
        assertEquals("profile: expected mainline, 6.18, 6.12 or 6.1, got \"5.10\"", error(EXAMPLE.replace("\"mainline\"", "\"5.10\"")));
        assertEquals("image: expected a number or \"0x...\", got \"0xzz\"",
                error(EXAMPLE.replace("\"0xffffffffc0203000\"", "\"0xzz\"")));
        assertTrue(error("[1]").startsWith("top level"));
        assertTrue(error("{").startsWith("not JSON"));
        assertFalse(error("{\"flags\": 1}").contains("\n"));
    }

    @Test
    void missingAddressesBecomePlaceholders() {
        String json = "{\"model\": {\"nr_args\": 1, \"arg_size\": [8], \"arg_flags\": [0]}, \"flags\": 1,"
                + " \"links\": {\"fentry\": [{}]}}";
        TrampolineImage img = X86Gen.generate(ConfigJson.parse(json).get()).get();
        assertEquals(Placeholders.IMAGE, img.imageAddress());
        assertTrue(img.listing().contains("fentry[0].prog"));
        assertTrue(img.listing().contains("movabs rdi," + Hex.imm(Placeholders.prog(0))));
    }
}
