package multilink.x86;

/**
 * Test-only seam: deliberate bugs the tests plant to prove they catch them. Production code always passes
 * {@link #NONE}; only package-private entry points accept another value.
 */
enum Mutation {
    NONE,
    /** Encoding bug: an r8..r15 source of a store gets REX.B instead of REX.R. */
    WRONG_REX_BIT_FOR_EXTENDED_REG,
    /** Encoding bug: an rbp displacement outside -128..127 is emitted in the disp8 form (truncated). */
    DISP8_WHERE_DISP32_NEEDED,
    /** Layout bug: the seventh argument slot is read from the caller's stack 8 bytes too high. */
    WRONG_STACK_OFFSET_FOR_ARG7
}
