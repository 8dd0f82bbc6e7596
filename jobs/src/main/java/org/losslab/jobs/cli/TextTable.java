package org.losslab.jobs.cli;

import java.util.ArrayList;
import java.util.List;

/** Left-aligned columns for the human summaries of tables and query results. */
final class TextTable {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();
    private final int maxWidth;

    TextTable(List<String> header, int maxWidth) {
        this.header = header;
        this.maxWidth = maxWidth;
    }

    void add(List<String> row) {
        rows.add(row);
    }

    @Override
    public String toString() {
        int[] widths = new int[header.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = cell(header.get(c)).length();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], cell(row.get(c)).length());
            }
        }
        StringBuilder text = new StringBuilder();
        append(text, header, widths);
        for (int c = 0; c < widths.length; c++) {
            text.append("-".repeat(widths[c])).append(c + 1 < widths.length ? "  " : "");
        }
        text.append('\n');
        for (List<String> row : rows) {
            append(text, row, widths);
        }
        return text.toString().stripTrailing();
    }

    private void append(StringBuilder text, List<String> row, int[] widths) {
        for (int c = 0; c < widths.length; c++) {
            String cell = cell(row.get(c));
            text.append(cell);
            if (c + 1 < widths.length) {
                text.append(" ".repeat(widths[c] - cell.length() + 2));
            }
        }
        text.append('\n');
    }

    private String cell(String value) {
        String text = value == null ? "null" : value.replace('\n', ' ');
        return text.length() > maxWidth ? text.substring(0, maxWidth - 3) + "..." : text;
    }
}
