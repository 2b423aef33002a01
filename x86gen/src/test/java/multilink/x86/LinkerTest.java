package multilink.x86;

import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LinkerTest {
    @Test
    void linkingAnUnlinkedConfigGivesTheImageOfTheFullyAddressedOne() {
        TrampolineConfig full = Golden.fentryFexitSixArgs();
        TrampolineConfig bare = full.withAddresses(Addresses.NONE, new TrampLinks(
                full.links().fentry().map(l -> BpfTrampLink.unlinked(l.cookie(), l.sleepable())),
                full.links().fexit().map(l -> BpfTrampLink.unlinked(l.cookie(), l.sleepable())), List.empty()));
        TrampolineImage unlinked = X86Gen.generate(bare).get();
        assertFalse(unlinked.linked());
        List<Linker.ProgAddress> progs = full.links().inEmissionOrder()
                .map(l -> new Linker.ProgAddress(l.prog().get(), l.bpfFunc().get()));
        TrampolineImage linked = Linker.link(bare, Golden.IMAGE, Golden.IM, Golden.FUNC, Golden.SYMBOLS, progs).get();
        assertTrue(linked.linked());
        assertArrayEquals(X86Gen.generate(full).get().bytes(), linked.bytes());
    }

    /** emit_mov_imm64() picks the form by value, so a cookie-free image shrinks when im fits in 32 bits. */
    @Test
    void instructionFormsFollowTheLinkedValues() {
        TrampolineConfig c = Golden.fentryFexitSixArgs();
        List<Linker.ProgAddress> progs = c.links().inEmissionOrder()
                .map(l -> new Linker.ProgAddress(l.prog().get(), l.bpfFunc().get()));
        TrampolineImage heapIm = Linker.link(c, Golden.IMAGE, Golden.IM, Golden.FUNC, HashMap.empty(), progs).get();
        TrampolineImage lowIm = Linker.link(c, Golden.IMAGE, 0x10000L, Golden.FUNC, HashMap.empty(), progs).get();
        assertEquals(heapIm.size() - 2 * 5, lowIm.size());
        assertTrue(lowIm.listing().contains("mov edi,0x10000"));
    }

    @Test
    void wrongNumberOfProgramAddressesIsRefused() {
        TrampolineConfig c = Golden.fentryFexitSixArgs();
        assertEquals(Errno.EINVAL, Linker.link(c, 0, 0, 0, HashMap.empty(), List.empty()).getLeft().errno());
    }
}
