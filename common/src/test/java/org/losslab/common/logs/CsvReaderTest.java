package org.losslab.common.logs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

    @Test
    void readsQuotedFieldsWithCommasQuotesAndNewlines() throws IOException {
        CsvReader csv = new CsvReader(new StringReader(
                "LineId,Content,EventTemplate\r\n"
                        + "1,\"Times: total = 1072, boot = 856\",\"Times: total = <*>, boot = <*>\"\n"
                        + "2,\"say \"\"hi\"\"\",plain\n"
                        + "3,\"two\nlines\",\n"));
        assertArrayEquals(new String[] {"LineId", "Content", "EventTemplate"}, csv.next());
        assertArrayEquals(new String[] {"1", "Times: total = 1072, boot = 856", "Times: total = <*>, boot = <*>"},
                csv.next());
        assertArrayEquals(new String[] {"2", "say \"hi\"", "plain"}, csv.next());
        assertArrayEquals(new String[] {"3", "two\nlines", ""}, csv.next());
        assertNull(csv.next());
    }

    @Test
    void lastLineWithoutNewline() throws IOException {
        CsvReader csv = new CsvReader(new StringReader("a,b\n,\"\""));
        assertEquals(2, csv.next().length);
        assertArrayEquals(new String[] {"", ""}, csv.next());
        assertNull(csv.next());
    }

    @Test
    void unterminatedQuoteIsAnError() {
        CsvReader csv = new CsvReader(new StringReader("\"open,field\n"));
        assertThrows(IOException.class, csv::next);
    }
}
