package org.losslab.common.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DetectionScoresTest {

    @Test
    void precisionRecallAndF1CountAnomalousWindowsAsPositives() {
        boolean[] flagged = {true, true, false, false, true};
        boolean[] anomalous = {true, false, true, false, true};
        DetectionScores s = DetectionScores.of(flagged, anomalous);
        assertEquals(new DetectionScores(2, 1, 1, 1), s);
        assertEquals(2 / 3.0, s.precision(), 1e-12);
        assertEquals(2 / 3.0, s.recall(), 1e-12);
        assertEquals(2 / 3.0, s.f1(), 1e-12);
        assertEquals(0.0, DetectionScores.of(new boolean[] {false}, new boolean[] {true}).f1());
    }

    @Test
    void theBestThresholdSeparatesTheScoresItWasChosenOn() {
        double[] scores = {0.1, 0.4, 2.5, 0.3, 3.0, 1.9};
        boolean[] anomalous = {false, false, true, false, true, false};
        double t = DetectionScores.bestThreshold(scores, anomalous);
        assertEquals(2.5, t);
        assertEquals(1.0, DetectionScores.atThreshold(scores, anomalous, t).f1());
        assertEquals(Double.POSITIVE_INFINITY, DetectionScores.bestThreshold(scores, new boolean[6]),
                "nothing anomalous: flag nothing");
    }
}
