package org.losslab.jobs.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.losslab.jobs.train.StepRecorder.StepRow;

/** The per-epoch progress line's pieces: the time left and the latest validation loss. */
class ProgressTextTest {

    @Test
    void durationsReadAsSecondsMinutesOrHours() {
        assertEquals("45 s", TrainModel.durationText(44.6));
        assertEquals("2 min", TrainModel.durationText(100));
        assertEquals("59 min", TrainModel.durationText(59 * 60));
        assertEquals("1 h 05 min", TrainModel.durationText(65 * 60 + 10));
    }

    @Test
    void theLatestValidationIsTheLastRowThatHasOne() {
        StepRow validated = row(10, 0.5);
        assertEquals(validated, TrainModel.latestValidated(List.of(row(5, 0.9), validated, row(11, null),
                row(12, null))));
        assertNull(TrainModel.latestValidated(List.of(row(1, null))));
    }

    private static StepRow row(long step, Double valLoss) {
        return new StepRow(step, 0, step * 10, 0.01, 1.0, 1.0, 1.0, 0.0, 1, valLoss, null, 0L, null, null, null,
                null);
    }
}
