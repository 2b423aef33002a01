package multilink.live;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The jobs archive the kernel unpacks after the cached base archive. */
class CpioTest {
    @Test
    void newcEntryThenTrailerAlignedToFourBytes() {
        byte[] a = Cpio.single("jobs.txt", "x86 0 f 0\n".getBytes(StandardCharsets.US_ASCII));
        String s = new String(a, StandardCharsets.ISO_8859_1);
        assertTrue(s.startsWith("070701"));
        // the header's file size field (8 hex digits at offset 54) and name size (at 94, with the NUL)
        assertEquals(10, Integer.parseInt(s.substring(54, 62), 16));
        assertEquals(9, Integer.parseInt(s.substring(94, 102), 16));
        assertEquals("jobs.txt\0", s.substring(110, 119));
        // the data starts at the next 4-byte boundary after the 110-byte header and the name
        assertEquals("x86 0 f 0\n", s.substring(120, 130));
        assertTrue(s.contains("TRAILER!!!\0"));
        assertEquals(0, a.length % 4);
    }
}
