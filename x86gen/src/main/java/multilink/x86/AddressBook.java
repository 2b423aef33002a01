package multilink.x86;

import java.util.LinkedHashSet;
import java.util.Set;

/** Resolves the addresses one generation needs and remembers which ones fell back to a placeholder. */
final class AddressBook {
    private final TrampolineConfig config;
    private final Set<String> placeholders = new LinkedHashSet<>();

    AddressBook(TrampolineConfig config) {
        this.config = config;
    }

    io.vavr.collection.List<String> placeholders() {
        return io.vavr.collection.List.ofAll(placeholders);
    }

    long image() {
        note(config.addresses().image().isEmpty(), "image");
        return config.addresses().imageOrPlaceholder();
    }

    long im() {
        note(config.addresses().im().isEmpty(), "im");
        return config.addresses().imOrPlaceholder();
    }

    long funcAddr() {
        note(config.addresses().funcAddr().isEmpty(), "func_addr");
        return config.addresses().funcAddrOrPlaceholder();
    }

    long symbol(KernelSymbol s) {
        note(config.addresses().symbols().get(s).isEmpty(), s.symbol());
        return config.addresses().symbol(s);
    }

    long prog(BpfTrampLink l, int k, String name) {
        note(l.prog().isEmpty(), name + ".prog");
        return l.prog().getOrElse(Placeholders.prog(k));
    }

    long bpfFunc(BpfTrampLink l, int k, String name) {
        note(l.bpfFunc().isEmpty(), name + ".bpf_func");
        return l.bpfFunc().getOrElse(Placeholders.bpfFunc(k));
    }

    private void note(boolean missing, String name) {
        if (missing) {
            placeholders.add(name);
        }
    }
}
