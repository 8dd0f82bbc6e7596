package org.losslab.jobs.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.losslab.jobs.train.StepRecorder.StepRow;

/** The progress lines' pieces: the latest validation loss, the redrawn bar on a terminal, nothing when off. */
class ProgressTextTest {

    @Test
    void onATerminalTheBarIsRedrawnInPlaceAndErasedBeforeALogLine() throws InterruptedException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream terminal = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        TrainingProgress progress = new TrainingProgress(TrainingProgress.Mode.BAR, terminal, "r1", 100, 0, 0);
        Thread.sleep(250); // the bar is redrawn at most five times a second
        progress.update(List.of(row(9, 0.75), row(49, null)));
        String drawn = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(drawn.startsWith("\rRun r1: 50/100 steps [##########..........] 50%, loss 1.0000, val 0.7500, "),
                drawn);
        assertTrue(drawn.endsWith(" left\u001B[K"), drawn);
        progress.clear();
        assertTrue(bytes.toString(StandardCharsets.UTF_8).endsWith("\r\u001B[K"), "erased");
        progress.update(List.of(row(50, null))); // within 200 ms: not redrawn
        assertTrue(bytes.toString(StandardCharsets.UTF_8).endsWith("\r\u001B[K"));
    }

    @Test
    void offPrintsNothing() throws InterruptedException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TrainingProgress progress = new TrainingProgress(TrainingProgress.Mode.OFF,
                new PrintStream(bytes, true, StandardCharsets.UTF_8), "r1", 100, 0, 0);
        Thread.sleep(250);
        progress.update(List.of(row(9, 0.75)));
        progress.clear();
        assertEquals(0, bytes.size());
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
