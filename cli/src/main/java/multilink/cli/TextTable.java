package multilink.cli;

import io.vavr.collection.List;

/** A plain-text table with aligned columns: what CI logs and review threads show unmangled. */
public record TextTable(List<String> header, List<List<String>> rows) {

    public static TextTable of(String... header) {
        return new TextTable(List.of(header), List.empty());
    }

    public TextTable row(String... cells) {
        return new TextTable(header, rows.append(List.of(cells)));
    }

    public String render() {
        List<List<String>> all = rows.prepend(header);
        List<Integer> widths = header.zipWithIndex().map(h -> all.map(r -> r.size() > h._2 ? r.get(h._2).length() : 0)
                .max().getOrElse(0));
        StringBuilder b = new StringBuilder();
        for (List<String> r : all) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < header.size(); c++) {
                String cell = c < r.size() ? r.get(c) : "";
                line.append(c == header.size() - 1 ? cell : String.format("%-" + widths.get(c) + "s  ", cell));
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
        return b.toString();
    }
}
