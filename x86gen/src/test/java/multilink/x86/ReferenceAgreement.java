package multilink.x86;

import io.vavr.collection.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One reference batch over images of any kind: no mismatch, and every instruction compared by all three tools. */
final class ReferenceAgreement {
    private ReferenceAgreement() {
    }

    static CheckReport assertAllAgree(List<? extends EncodedImage> images) {
        CheckReport r = ReferenceEncoders.checkAll(images).getOrElseThrow((String s) -> new AssertionError(s));
        assertTrue(r.ok(), r::toString);
        int insns = images.map(i -> i.insns().size()).sum().intValue();
        assertEquals(insns, r.gasChecked());
        assertEquals(insns, r.llvmChecked());
        assertEquals(insns, r.decodedChecked());
        return r;
    }
}
