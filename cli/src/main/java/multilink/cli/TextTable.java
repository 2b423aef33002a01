package multilink.cli;

import io.vavr.collection.List;
import io.vavr.collection.Vector;

/**
 * A plain-text table with aligned columns: what CI logs and review threads show unmangled.
 * Rows are a Vector: appending to a Vavr List copies it, which made a replay's table quadratic.
 */
public record TextTable(List<String> header, Vector<List<String>> rows) {

    public static TextTable of(String... header) {
        return new TextTable(List.of(header), Vector.empty());
    }

    public TextTable row(String... cells) {
        return new TextTable(header, rows.append(List.of(cells)));
    }

    public String render() {
        Vector<List<String>> all = rows.prepend(header);
        int[] widths = new int[header.size()];
        for (List<String> r : all) {
            int c = 0;
            for (String cell : r) {
                if (c < widths.length) {
                    widths[c] = Math.max(widths[c], cell.length());
                }
                c++;
            }
        }
        int lineLength = 1;
        for (int w : widths) {
            lineLength += w + 2;
        }
        StringBuilder b = new StringBuilder((int) Math.min(Integer.MAX_VALUE - 16, (long) lineLength * all.size()));
        StringBuilder line = new StringBuilder(lineLength);
        for (List<String> r : all) {
            line.setLength(0);
            List<String> cells = r;
            for (int c = 0; c < widths.length; c++) {
                String cell = cells.isEmpty() ? "" : cells.head();
                cells = cells.isEmpty() ? cells : cells.tail();
                line.append(cell);
                if (c < widths.length - 1) {
                    line.append(" ".repeat(widths[c] - cell.length() + 2));
                }
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
        return b.toString();
    }
}
