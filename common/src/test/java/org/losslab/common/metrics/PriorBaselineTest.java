package org.losslab.common.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PriorBaselineTest {
    private static final double TIGHT = 1e-12;
    private static final int[] CODES = {6, 15, 16};

    @Test
    void priorIsTheTrainingClassFrequency() {
        assertArrayEquals(new double[] {2.0 / 6, 1.0 / 6, 3.0 / 6, 0.0},
                PriorBaseline.classPrior(new int[] {0, 0, 1, 2, 2, 2}, 4), TIGHT);
    }

    /*
     * Prior {0.5, 0.25, 0.25} for every test row, test truth {6, 15, 15, 16}:
     *   class 6: -ln 0.5 = ln 2; class 15: -ln 0.25 = 2 ln 2; class 16: 2 ln 2
     *   Kaggle (1, 2, 1): (ln 2 + 2 * 2 ln 2 + 2 ln 2) / 4 = 7/4 ln 2 = 1.213008
     *   flat:             (ln 2 + 2 ln 2 + 2 ln 2) / 3     = 5/3 ln 2 = 1.155245
     */
    @Test
    void scoresThePriorByHand() {
        double[] prior = PriorBaseline.classPrior(new int[] {0, 0, 1, 2}, 3);
        int[] test = {0, 1, 1, 2};
        assertEquals(7.0 / 4 * Math.log(2), PriorBaseline.weightedLogLoss(prior, test, CODES), TIGHT);
        assertEquals(1.213008, PriorBaseline.weightedLogLoss(prior, test, CODES), 1e-6);
        assertEquals(5.0 / 3 * Math.log(2), PriorBaseline.flatLogLoss(prior, test), TIGHT);
    }

    @Test
    void equalsTheLogLossOfTheRepeatedPrediction() {
        int[] train = {0, 1, 1, 2, 2, 2, 3, 4, 4, 4};
        int[] test = {4, 3, 0, 0, 2, 4, 1};
        int[] codes = {90, 64, 42, 15, 6};
        double[] prior = PriorBaseline.classPrior(train, 5);
        double[][] repeated = new double[test.length][];
        Arrays.fill(repeated, prior);

        assertEquals(PlasticcLogLoss.weighted(test, repeated, codes),
                PriorBaseline.weightedLogLoss(prior, test, codes), TIGHT);
        assertEquals(PlasticcLogLoss.flat(test, repeated), PriorBaseline.flatLogLoss(prior, test), TIGHT);
    }

    @Test
    void aTestClassUnseenInTrainingCostsMinusLnEpsilon() {
        double[] prior = PriorBaseline.classPrior(new int[] {0, 0}, 2);
        assertEquals(-Math.log(1e-15), PriorBaseline.flatLogLoss(prior, new int[] {1}), 1e-9);
    }

    /*
     * Weights 1, 2, 1 -> constant {0.25, 0.5, 0.25}; with every class present:
     * (ln 4 + 2 ln 2 + ln 4) / 4 = 1.5 ln 2 = 1.039721, below the frequency prior's 1.213008 above.
     */
    @Test
    void weightProportionalConstantIsTheMetricOptimum() {
        double[] constant = PriorBaseline.weightProportional(CODES);
        assertArrayEquals(new double[] {0.25, 0.5, 0.25}, constant, TIGHT);
        int[] test = {0, 1, 1, 2};
        double best = PriorBaseline.weightedLogLoss(constant, test, CODES);
        assertEquals(1.5 * Math.log(2), best, TIGHT);

        double[] frequency = PriorBaseline.classPrior(new int[] {0, 0, 1, 2}, 3);
        assertTrue(best < PriorBaseline.weightedLogLoss(frequency, test, CODES));
        assertTrue(best < PriorBaseline.weightedLogLoss(new double[] {0.26, 0.48, 0.26}, test, CODES));
        assertTrue(best < PriorBaseline.weightedLogLoss(new double[] {0.24, 0.52, 0.24}, test, CODES));
    }

    @Test
    void rejectsMalformedInput() {
        assertThrows(IllegalArgumentException.class, () -> PriorBaseline.classPrior(new int[] {0, 3}, 3));
        assertThrows(IllegalArgumentException.class, () -> PriorBaseline.classPrior(new int[0], 3));
        assertThrows(IllegalArgumentException.class,
                () -> PriorBaseline.weightedLogLoss(new double[] {0.5, 0.5}, new int[] {0}, CODES));
        assertThrows(IllegalArgumentException.class,
                () -> PriorBaseline.flatLogLoss(new double[] {0.5, 0.5}, new int[] {2}));
    }
}
