package org.losslab.common.grokking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class GrokkingMetricsTest {

    private static GrokkingMetrics.Point p(long step, Double train, Double val, Double norm, Double sc) {
        return new GrokkingMetrics.Point(step, train, val, norm, sc);
    }

    @Test
    void aGrokkingCurve() {
        List<GrokkingMetrics.Point> curve = new ArrayList<>(List.of(
                p(400, 1.0, 0.995, 20.0, 0.0), // generalised here (first val >= 0.99)
                p(100, 0.995, 0.10, 40.0, 0.0), // memorised here, listed out of order on purpose
                p(50, 0.80, 0.02, 35.0, 0.0),
                p(200, 1.0, 0.98, 30.0, 0.1),
                p(300, 1.0, 0.989, 25.0, 0.0),
                p(500, 1.0, 1.0, 18.0, 0.0),
                p(510, null, null, null, null))); // a training step without evaluation: counts for the budget only
        GrokkingMetrics m = GrokkingMetrics.of(curve, 0.99);
        assertEquals(100L, m.memorizationStep());
        assertEquals(400L, m.generalizationStep());
        assertEquals(300L, m.delay());
        assertEquals(4.0, m.delayRatio());
        assertTrue(m.grokked());
        assertEquals(510, m.budgetSteps());
        assertEquals(6, m.evaluations());
        assertEquals(40.0, m.weightNormAtMemorization());
        assertEquals(20.0, m.weightNormAtGeneralization());
        assertEquals(18.0, m.finalWeightNorm());
        assertEquals(0.0, m.finalScFraction());
        assertEquals(0.1, m.maxScFraction());
        assertEquals(1.0, m.finalValAccuracy());
    }

    @Test
    void aRunThatNeverGeneralisesHasNoDelay() {
        GrokkingMetrics m = GrokkingMetrics.of(List.of(p(10, 0.5, 0.0, 1.0, 0.0), p(20, 1.0, 0.01, 2.0, 0.6),
                p(30, 1.0, 0.02, 3.0, 0.9)), 0.99);
        assertEquals(20L, m.memorizationStep());
        assertNull(m.generalizationStep());
        assertNull(m.delay());
        assertNull(m.delayRatio());
        assertFalse(m.grokked());
        assertEquals(0.9, m.finalScFraction());
        assertEquals(30, m.budgetSteps());
    }

    @Test
    void thresholdIsAnOptionAndMemorisationAtStepZeroHasNoRatio() {
        List<GrokkingMetrics.Point> curve = List.of(p(0, 0.95, 0.2, null, null), p(10, 0.97, 0.92, null, null));
        GrokkingMetrics loose = GrokkingMetrics.of(curve, 0.9);
        assertEquals(0L, loose.memorizationStep());
        assertEquals(10L, loose.generalizationStep());
        assertEquals(10L, loose.delay());
        assertNull(loose.delayRatio(), "a ratio over step 0 is undefined");
        assertNull(loose.finalScFraction());
        assertFalse(GrokkingMetrics.of(curve, 0.99).grokked());
    }
}
