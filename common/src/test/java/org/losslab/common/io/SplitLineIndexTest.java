package org.losslab.common.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class SplitLineIndexTest {
    @Test
    void numbersLinesAcrossSplitsOfAFile() {
        SplitLineIndex index = SplitLineIndex.of(List.of(
                new SplitCount("a.csv", 2048, 7),
                new SplitCount("a.csv", 0, 10),
                new SplitCount("a.csv", 1024, 5),
                new SplitCount("b.csv", 0, 3)));
        assertEquals(1, index.lineNumber("a.csv", 0, 0));
        assertEquals(10, index.lineNumber("a.csv", 0, 9));
        assertEquals(11, index.lineNumber("a.csv", 1024, 0));
        assertEquals(16, index.lineNumber("a.csv", 2048, 0));
        assertEquals(3, index.lineNumber("b.csv", 0, 2));
    }

    @Test
    void aSplitCountedTwiceByARetriedTaskCountsOnce() {
        SplitLineIndex index = SplitLineIndex.of(List.of(
                new SplitCount("a.csv", 0, 10), new SplitCount("a.csv", 0, 10), new SplitCount("a.csv", 512, 4)));
        assertEquals(11, index.lineNumber("a.csv", 512, 0));
    }

    @Test
    void conflictingCountsAndUnknownSplitsAreErrors() {
        assertThrows(IllegalStateException.class, () -> SplitLineIndex.of(List.of(
                new SplitCount("a.csv", 0, 10), new SplitCount("a.csv", 0, 11))));
        SplitLineIndex index = SplitLineIndex.of(List.of(new SplitCount("a.csv", 0, 10)));
        assertThrows(IllegalArgumentException.class, () -> index.lineNumber("a.csv", 77, 0));
        assertThrows(IllegalArgumentException.class, () -> index.lineNumber("c.csv", 0, 0));
    }
}
