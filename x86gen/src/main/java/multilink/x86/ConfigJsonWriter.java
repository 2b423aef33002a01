package multilink.x86;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vavr.collection.List;
import io.vavr.control.Option;

/**
 * The JSON form {@link ConfigJson#parse} reads back to an equal configuration: 64-bit values as "0x..." strings
 * (cookies and addresses are unsigned there), addresses the configuration leaves out left out, symbols in
 * {@link KernelSymbol} order so the same configuration always gives the same text.
 */
final class ConfigJsonWriter {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ConfigJsonWriter() {
    }

    static String write(TrampolineConfig c) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("profile", c.profile().label());
        ObjectNode cpu = root.putObject("cpu");
        cpu.put("return_thunk", c.cpu().returnThunk());
        cpu.put("ibt", c.cpu().ibt());
        cpu.put("sls", c.cpu().sls());
        root.put("kind", c.kind() == TrampolineKind.STRUCT_OPS ? "struct_ops" : "tracing");
        ObjectNode model = root.putObject("model");
        model.put("nr_args", c.model().nrArgs());
        c.model().argSize().forEach(model.putArray("arg_size")::add);
        c.model().argFlags().forEach(model.putArray("arg_flags")::add);
        model.put("ret_size", c.model().retSize());
        model.put("ret_flags", c.model().retFlags());
        if (!c.model().argRegs().isEmpty()) {
            c.model().argRegs().forEach(model.putArray("arg_regs")::add);
        }
        root.put("flags", Hex.imm(c.flags() & 0xffffffffL));
        ObjectNode links = root.putObject("links");
        linkList(links.putArray("fentry"), c.links().fentry());
        linkList(links.putArray("fexit"), c.links().fexit());
        linkList(links.putArray("fmod_ret"), c.links().fmodRet());
        address(root, "im", c.addresses().im());
        address(root, "image", c.addresses().image());
        address(root, "func_addr", c.addresses().funcAddr());
        if (!c.addresses().symbols().isEmpty()) {
            ObjectNode symbols = root.putObject("symbols");
            c.addresses().symbols().toList().sortBy(e -> e._1.ordinal())
                    .forEach(e -> symbols.put(e._1.symbol(), Hex.imm(e._2)));
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            // a tree of plain strings, numbers and booleans always serialises
            throw new IllegalStateException(e);
        }
    }

    private static void linkList(ArrayNode out, List<BpfTrampLink> links) {
        for (BpfTrampLink l : links) {
            ObjectNode n = out.addObject();
            address(n, "prog", l.prog());
            address(n, "bpf_func", l.bpfFunc());
            n.put("cookie", Hex.imm(l.cookie()));
            n.put("sleepable", l.sleepable());
        }
    }

    private static void address(ObjectNode n, String field, Option<Long> value) {
        value.forEach(v -> n.put(field, Hex.imm(v)));
    }
}
