package multilink.x86;

/** Hex formatting in the forms objdump and the kernel use. */
public final class Hex {
    private Hex() {
    }

    public static String of(byte[] bytes, String separator) {
        StringBuilder sb = new StringBuilder(bytes.length * 3);
        for (int i = 0; i < bytes.length; i++) {
            if (i > 0) {
                sb.append(separator);
            }
            sb.append(String.format("%02x", bytes[i] & 0xff));
        }
        return sb.toString();
    }

    /** 0x-prefixed unsigned hex without leading zeros, as objdump prints immediates and addresses. */
    public static String imm(long value) {
        return "0x" + Long.toHexString(value);
    }

    /** A displacement as objdump prints it inside brackets: -0x20 or +0x8. */
    static String disp(int disp) {
        return disp < 0 ? "-0x" + Integer.toHexString(-disp) : "+0x" + Integer.toHexString(disp);
    }

    public static byte[] parse(String hex) {
        String h = hex.replaceAll("\\s", "");
        byte[] out = new byte[h.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
