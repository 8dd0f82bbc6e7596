package org.losslab.common.plasticc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class CsvLineTest {
    @Test
    void splitsPlainFieldsAndKeepsEmptyOnes() {
        assertArrayEquals(new String[] {"615", "", "2", "x"}, CsvLine.split("615,,2,x"));
        assertArrayEquals(new String[] {"615", "", "2", "x"}, CsvLine.split("615, ,2, x "));
        assertArrayEquals(new String[] {"", ""}, CsvLine.split(","));
        assertArrayEquals(new String[] {""}, CsvLine.split(""));
    }

    @Test
    void unquotesQuotedFields() {
        assertArrayEquals(new String[] {"615", "a,b", "say \"hi\""}, CsvLine.split("615,\"a,b\",\"say \"\"hi\"\"\""));
    }
}
