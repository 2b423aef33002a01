package multilink.x86;

/**
 * The C compiler that builds the global caller entry, a {@code __naked} function (seed 003 v2 02/18): it emits the
 * body's asm statements unchanged and adds what it adds to every naked function. Measured 2026-12-01 on a naked
 * function with the entry's asm statements, {@code -O2 -fcf-protection=branch -mno-red-zone -c}, objdump -d:
 * both start it with endbr64 (under IBT, see {@link GlobalCaller}); gcc 12.2.0 (Debian 12.2.0-14+deb12u1) puts a
 * {@code ud2} after the last asm statement, clang 14.0.6 (Debian) puts nothing.
 */
public enum NakedCompiler {
    GCC(true),
    CLANG(false);

    private final boolean trapAfterBody;

    NakedCompiler(boolean trapAfterBody) {
        this.trapAfterBody = trapAfterBody;
    }

    /** A ud2 follows the body: the end of a naked function is unreachable, and gcc marks it with a trap. */
    public boolean trapAfterBody() {
        return trapAfterBody;
    }
}
