package org.losslab.common.logs;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Minimal RFC 4180 CSV reader: comma-separated fields, optional double quotes around a field, a doubled
 * quote inside quotes for a literal quote, and line breaks (LF or CRLF) inside quoted fields.
 */
public final class CsvReader {
    private final Reader reader;
    private final char[] buffer = new char[8192];
    private int pos;
    private int limit;

    /** Reads records from {@code reader}; the caller closes it. */
    public CsvReader(Reader reader) {
        this.reader = reader;
    }

    /** All records of a UTF-8 file, header included. */
    public static List<String[]> readAll(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            CsvReader csv = new CsvReader(r);
            List<String[]> rows = new ArrayList<>();
            String[] row;
            while ((row = csv.next()) != null) {
                rows.add(row);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The next record, or null at end of input. A blank line yields a record with one empty field. */
    public String[] next() throws IOException {
        int c = read();
        if (c < 0) {
            return null;
        }
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldStart = true;
        while (true) {
            if (quoted) {
                if (c < 0) {
                    throw new IOException("unterminated quoted field");
                }
                if (c == '"') {
                    int n = read();
                    if (n == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        c = n;
                        continue;
                    }
                } else {
                    field.append((char) c);
                }
            } else if (c < 0 || c == '\n') {
                fields.add(stripCarriageReturn(field));
                return fields.toArray(new String[0]);
            } else if (c == ',') {
                fields.add(stripCarriageReturn(field));
                field.setLength(0);
                fieldStart = true;
                c = read();
                continue;
            } else if (c == '"' && fieldStart) {
                quoted = true;
            } else {
                field.append((char) c);
            }
            fieldStart = false;
            c = read();
        }
    }

    private static String stripCarriageReturn(StringBuilder field) {
        int n = field.length();
        return n > 0 && field.charAt(n - 1) == '\r' ? field.substring(0, n - 1) : field.toString();
    }

    private int read() throws IOException {
        if (pos == limit) {
            limit = reader.read(buffer, 0, buffer.length);
            pos = 0;
            if (limit <= 0) {
                limit = 0;
                return -1;
            }
        }
        return buffer[pos++];
    }
}
