package org.losslab.jobs.logs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class LogEventSpaceTest {

    /** Two systems of 4 and 3 templates: a 1..4, b 5..7, unseen 0, end of session 8. */
    private static LogEventSpace twoSystems() {
        Map<String, Integer> offsets = new LinkedHashMap<>();
        offsets.put("a", 0);
        offsets.put("b", 4);
        return new LogEventSpace(offsets, 9);
    }

    @Test
    void systemsShareOneSpaceAndUnseenTemplatesStayZero() {
        LogEventSpace space = twoSystems();
        assertArrayEquals(new int[] {1, 4, 0}, space.map("a", new int[] {1, 4, 0}, false));
        assertArrayEquals(new int[] {5, 7, 0}, space.map("b", new int[] {1, 3, 0}, false));
    }

    @Test
    void aSessionEndsWithTheEndEventAndOtherWindowsDoNot() {
        LogEventSpace space = twoSystems();
        assertEquals(8, space.end());
        assertArrayEquals(new int[] {6, 5, 8}, space.map("b", new int[] {2, 1}, true));
        assertArrayEquals(new int[] {8}, space.map("a", new int[0], true));
        assertArrayEquals(new int[] {6, 5}, space.map("b", new int[] {2, 1}, false));
    }

    @Test
    void anIndexPastTheSystemsVocabularyIsUnseenNotTheEnd() {
        // a vocabulary that grew after training: its new indexes must not alias the end or another system
        assertArrayEquals(new int[] {0, 7}, twoSystems().map("b", new int[] {4, 3}, false));
        assertArrayEquals(new int[] {0, 4}, twoSystems().map("a", new int[] {5, 4}, false));
    }
}
