package org.losslab.common.runs.imports;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;

/** A small CSV file as a header and rows of cells (RFC 4180 quoting, univocity's parser, as Spark's CSV source). */
record CsvTable(List<String> header, List<String[]> rows) {

    static CsvTable parse(String file, byte[] bytes) {
        CsvParserSettings settings = new CsvParserSettings();
        settings.setHeaderExtractionEnabled(false);
        settings.setNullValue("");
        settings.setEmptyValue("");
        settings.setMaxColumns(100_000);
        settings.setMaxCharsPerColumn(1_000_000);
        settings.setLineSeparatorDetectionEnabled(true);
        List<String[]> all = new CsvParser(settings).parseAll(new StringReader(new String(bytes,
                StandardCharsets.UTF_8)));
        if (all.isEmpty()) {
            throw new IllegalArgumentException("Cannot read " + file + ": the file is empty");
        }
        List<String> header = new ArrayList<>();
        for (String h : all.get(0)) {
            header.add(h == null ? "" : h.strip());
        }
        return new CsvTable(header, all.subList(1, all.size()));
    }

    int column(String... names) {
        for (String name : names) {
            for (int i = 0; i < header.size(); i++) {
                if (header.get(i).equalsIgnoreCase(name)) {
                    return i;
                }
            }
        }
        return -1;
    }

    static String cell(String[] row, int index) {
        return index < 0 || index >= row.length || row[index] == null ? "" : row[index].strip();
    }
}
