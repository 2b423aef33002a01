package multilink.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vavr.collection.List;
import io.vavr.control.Option;
import multilink.x86.CheckReport;
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
        StringBuilder b = new StringBuilder();
        b.append("; ").append(summary(img)).append('\n');
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

    /** Per-tool counts, then one line per disagreement. */
    static List<String> checkLines(CheckReport r) {
        return List.of(String.format("reference check: %d instructions; GNU as %d, llvm-mc %d, objdump %d; %d mismatches",
                        r.instructions(), r.gasChecked(), r.llvmChecked(), r.decodedChecked(), r.mismatches().size()))
                .appendAll(r.mismatches().map(m -> "mismatch: " + m));
    }

    static ObjectNode json(TrampolineImage img, Option<CheckReport> check) {
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
