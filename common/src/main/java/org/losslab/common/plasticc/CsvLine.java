package org.losslab.common.plasticc;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one line of the PLAsTiCC CSV files into fields. The files are plain numeric CSV; a field in
 * double quotes is unquoted (doubled quotes inside it become one), so files re-saved by spreadsheet tools
 * still read. Surrounding white space is trimmed.
 */
public final class CsvLine {
    private CsvLine() {
    }

    public static String[] split(String line) {
        if (line.indexOf('"') < 0) {
            return splitPlain(line);
        }
        return splitQuoted(line);
    }

    private static String[] splitPlain(String line) {
        int count = 1;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == ',') {
                count++;
            }
        }
        String[] fields = new String[count];
        int start = 0;
        for (int f = 0; f < count; f++) {
            int end = line.indexOf(',', start);
            if (end < 0) {
                end = line.length();
            }
            fields[f] = trim(line, start, end);
            start = end + 1;
        }
        return fields;
    }

    private static String trim(String line, int start, int end) {
        while (start < end && line.charAt(start) <= ' ') {
            start++;
        }
        while (end > start && line.charAt(end - 1) <= ' ') {
            end--;
        }
        return line.substring(start, end);
    }

    private static String[] splitQuoted(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString().trim());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString().trim());
        return fields.toArray(new String[0]);
    }
}
