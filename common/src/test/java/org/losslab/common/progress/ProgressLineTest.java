package org.losslab.common.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ProgressLineTest {

    @Test
    void aBarThePercentageTheRateAndTheTimeLeftAtTheRateSoFar() {
        assertEquals("run a 300/1,000 steps [###.......] 30%, loss 0.4100, 250 examples/s, about 2 min left",
                ProgressLine.of("run a", 300, 1000, "steps", 10, "loss 0.4100", 15_000, "examples", 60));
    }

    @Test
    void withoutABarForLogsAndDoneAtTheEnd() {
        assertEquals("sweep s 2/8 runs 25%, about 3 min left",
                ProgressLine.of("sweep s", 2, 8, "runs", 0, "", 0, null, 60));
        assertEquals("x 8/8 runs [####] 100%, done in 1 h 05 min",
                ProgressLine.of("x", 9, 8, "runs", 4, null, 0, null, 3900));
        assertEquals("x 0/8 runs 0%", ProgressLine.of("x", 0, 8, "runs", 0, null, 0, null, 0));
    }

    @Test
    void durationsReadAsSecondsMinutesOrHours() {
        assertEquals("42 s", ProgressLine.duration(42.2));
        assertEquals("2 min", ProgressLine.duration(95));
        assertEquals("1 h 00 min", ProgressLine.duration(3599));
    }

    @Test
    void aTotalOfZeroIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ProgressLine.of("x", 0, 0, "steps", 0, null, 0, null, 1));
    }
}
