package org.losslab.common.grokking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StableMaxTest {

    @Test
    void valuesFollowTheDefinition() {
        // s(2) = 3, s(0) = 1, s(-1) = 1/2: sum 4.5
        assertArrayEquals(new double[] {3 / 4.5, 1 / 4.5, 0.5 / 4.5}, StableMax.probabilities(new double[] {2, 0, -1}),
                1e-15);
        assertEquals(1.0, StableMax.s(0));
        assertEquals(0.25, StableMax.s(-3));
    }

    @Test
    void crossEntropyGradientMatchesFiniteDifferences() {
        double[] logits = {1.3, -0.7, 0.2, -2.5, 0.05}; // off 0, where s is only once differentiable
        for (int target = 0; target < logits.length; target++) {
            double[] gradient = StableMax.crossEntropyGradient(logits, target);
            for (int i = 0; i < logits.length; i++) {
                double h = 1e-6;
                double[] up = logits.clone();
                double[] down = logits.clone();
                up[i] += h;
                down[i] -= h;
                double numeric = (StableMax.crossEntropy(up, target) - StableMax.crossEntropy(down, target)) / (2 * h);
                assertEquals(numeric, gradient[i], 1e-7, "d/dx" + i + " for target " + target);
            }
        }
    }

    @Test
    void largeLogitsStayFiniteAndBelowOne() {
        double[] logits = {1e4, -1e4, 3.0, 1e4 - 1};
        double[] p = StableMax.probabilities(logits);
        for (double v : p) {
            assertTrue(Double.isFinite(v) && v > 0 && v < 1, "finite and inside (0, 1): " + v);
        }
        assertTrue(Double.isFinite(StableMax.crossEntropy(logits, 0)));
        assertTrue(StableMax.crossEntropy(logits, 0) > 0, "no collapse to a zero loss");
        // where softmax would give exactly 1 in float32, StableMax does not
        float softmax = SoftmaxCollapse.softmaxFloat32(new float[] {1e4f, -1e4f, 3f, 0f})[0];
        assertEquals(1.0f, softmax);
        assertTrue((float) StableMax.probabilities(new double[] {1e4, -1e4, 3, 0})[0] < 1.0f);
    }
}
