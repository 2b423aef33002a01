package multilink.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vavr.collection.List;
import io.vavr.control.Option;
import multilink.x86.CheckReport;
import multilink.x86.CpuFeatures;
import multilink.x86.EncodedImage;
import multilink.x86.GlobalCallerImage;
import multilink.x86.Hex;
import multilink.x86.Relocation;
import multilink.x86.TrampFlag;
import multilink.x86.TrampolineConfig;
import multilink.x86.TrampolineImage;
import multilink.x86.TrampolineKind;

/** The forms {@code ./multilink x86} prints an image in; check's x86 counterexample listing is the first. */
final class X86Render {
    private X86Render() {
    }

    /** Offset, bytes, Intel syntax; a summary line first, relocations and the reference check last, as comments. */
    static String listing(TrampolineImage img, Option<CheckReport> check) {
        return listing(img, summary(img), check);
    }

    /** The same for any image (the global caller entry has its own summary). */
    static String listing(EncodedImage img, String summary, Option<CheckReport> check) {
        StringBuilder b = new StringBuilder();
        b.append("; ").append(summary).append('\n');
        b.append(img.listing());
        b.append("; relocations").append(img.relocations().isEmpty() ? ": none" : "").append('\n');
        img.relocations().forEach(r -> b.append("; ").append(r).append('\n'));
        check.forEach(r -> checkLines(r).forEach(l -> b.append("; ").append(l).append('\n')));
        return b.toString();
    }

    static String summary(TrampolineImage img) {
        TrampolineConfig c = img.config();
        return String.format("%s %s trampoline, %d args %s, fentry %d, fmod_ret %d, fexit %d, flags %s (%s): %d bytes, %s",
                c.profile().label(), c.kind() == TrampolineKind.STRUCT_OPS ? "struct_ops" : "tracing",
                c.model().nrArgs(), c.model().argSize().mkString("(", ",", ")"), c.links().fentry().size(),
                c.links().fmodRet().size(), c.links().fexit().size(), Hex.imm(c.flags()),
                c.flagSet().isEmpty() ? "none" : List.ofAll(c.flagSet()).map(TrampFlag::name).mkString("|"),
                img.size(), img.linked() ? "linked" : "unlinked");
    }

    /** "global caller bpf_global_caller_2 (seed 003 v2 02/18), IBT, SLS, gcc: 67 bytes, unlinked". */
    static String summary(GlobalCallerImage img) {
        CpuFeatures cpu = img.config().cpu();
        return String.format("global caller %s (seed 003 v2 02/18), %s, %s: %d bytes, %s", img.symbol(),
                List.of(cpu.ibt() ? "IBT" : "", cpu.returnThunk() ? "RETHUNK" : "", cpu.sls() ? "SLS" : "")
                        .filter(x -> !x.isEmpty()).mkString("+").transform(x -> x.isEmpty() ? "no mitigations" : x),
                img.config().compiler().name().toLowerCase(), img.size(), img.linked() ? "linked" : "unlinked");
    }

    /** Per-tool counts, then one line per disagreement. */
    static List<String> checkLines(CheckReport r) {
        return List.of(String.format("reference check: %d instructions; GNU as %d, llvm-mc %d, objdump %d; %d mismatches",
                        r.instructions(), r.gasChecked(), r.llvmChecked(), r.decodedChecked(), r.mismatches().size()))
                .appendAll(r.mismatches().map(m -> "mismatch: " + m));
    }

    static ObjectNode json(EncodedImage img, Option<CheckReport> check) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("hex", img.hex());
        ArrayNode listing = root.putArray("listing");
        img.insns().forEach(i -> listing.add(i.toString()));
        ArrayNode relocations = root.putArray("relocations");
        for (Relocation r : img.relocations()) {
            ObjectNode n = relocations.addObject();
            n.put("offset", r.offset());
            n.put("width", r.width());
            n.put("kind", r.kind().name());
            n.put("symbol", r.symbol());
            n.put("target", Hex.imm(r.target()));
        }
        root.put("size", img.size());
        root.put("linked", img.linked());
        ArrayNode placeholders = root.putArray("placeholders");
        img.placeholders().forEach(placeholders::add);
        check.forEach(r -> {
            ObjectNode n = root.putObject("check");
            n.put("instructions", r.instructions());
            n.put("gnu_as", r.gasChecked());
            n.put("llvm_mc", r.llvmChecked());
            n.put("objdump", r.decodedChecked());
            ArrayNode mismatches = n.putArray("mismatches");
            r.mismatches().forEach(mismatches::add);
        });
        return root;
    }
}
