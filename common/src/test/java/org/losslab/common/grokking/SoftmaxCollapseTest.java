package org.losslab.common.grokking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SoftmaxCollapseTest {

    @Test
    void countsTheRowsWhoseTrueClassRoundsToOneInFloat32() {
        double[][] probabilities = {
            {1.0, 0.0, 0.0}, // collapsed
            {1.0 - 1e-9, 1e-9, 0.0}, // 1 - 1e-9 rounds to 1.0f: collapsed
            {0.999, 0.001, 0.0}, // not
            {0.0, 1.0, 0.0}, // probability 1, but of the wrong class for target 0
        };
        assertEquals(0.5, SoftmaxCollapse.fraction(probabilities, new int[] {0, 0, 0, 0}));
        assertEquals(0.0, SoftmaxCollapse.fraction(new double[0][], new int[0]));
        assertThrows(IllegalArgumentException.class, () -> SoftmaxCollapse.fraction(probabilities, new int[] {0}));
    }

    @Test
    void float32SoftmaxCollapsesOnceTheMarginPassesAbout17() {
        // 2^-24 is float32's half-ulp below 1: exp(-margin) under it is absorbed
        assertEquals(1.0f, SoftmaxCollapse.softmaxFloat32(new float[] {20f, 0f, 0f})[0]);
        float below = SoftmaxCollapse.softmaxFloat32(new float[] {10f, 0f, 0f})[0];
        assertEquals(true, below < 1.0f);
    }
}
