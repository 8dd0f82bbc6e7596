package org.losslab.common.anomaly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NextEventsTest {

    @Test
    void aHistoryIsThePreviousEventsLeftPadded() {
        int[] events = {3, 1, 2, 2};
        int pad = 5;
        assertArrayEquals(new int[] {5, 5, 5}, NextEvents.history(events, 0, 3, pad));
        assertArrayEquals(new int[] {5, 3, 1}, NextEvents.history(events, 2, 3, pad));
        assertArrayEquals(new int[] {1, 2}, NextEvents.history(events, 3, 2, pad));
        assertEquals(6, NextEvents.inputSymbols(5));
    }

    @Test
    void anEventOutsideTheTopGFlagsItsWindowAndTheScoreIsTheLargestSurprisal() {
        int[] events = {0, 2};
        double[][] p = {{0.7, 0.2, 0.1}, {0.5, 0.3, 0.2}};
        NextEvents.WindowVerdict top2 = NextEvents.judge(events, p, 2);
        assertTrue(top2.flagged(), "event 2 is third most probable at position 1");
        assertEquals(1, top2.abnormalEvents());
        assertEquals(1, top2.firstAbnormal());
        assertEquals(-Math.log(0.2), top2.maxSurprisal(), 1e-12);
        assertFalse(NextEvents.judge(events, p, 3).flagged());
        assertTrue(NextEvents.inTopK(new double[] {0.4, 0.4, 0.2}, 1, 1), "a tie counts for the target");
        assertFalse(NextEvents.inTopK(new double[] {0.5, 0.3, 0.2}, 2, 2));
    }
}
