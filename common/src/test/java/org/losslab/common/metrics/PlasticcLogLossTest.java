package org.losslab.common.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PlasticcLogLossTest {
    private static final double TIGHT = 1e-12;
    /** Columns: 6 (weight 1), 15 (TDE, weight 2), 16 (weight 1). */
    private static final int[] CODES_WITH_TDE = {6, 15, 16};

    /*
     * 3 rows x 3 classes, one row per class, rows already summing to 1:
     *   row 0, class 6 : p = 0.5 -> -ln 0.5 = 0.693147
     *   row 1, class 15: p = 0.6 -> -ln 0.6 = 0.510826
     *   row 2, class 16: p = 0.8 -> -ln 0.8 = 0.223144
     * Kaggle weights 1, 2, 1: (0.693147 + 2 * 0.510826 + 0.223144) / 4 = 0.484485
     * flat:                   (0.693147 + 0.510826 + 0.223144) / 3     = 0.475705
     */
    private static final int[] ONE_PER_CLASS_TRUTH = {0, 1, 2};
    private static final double[][] ONE_PER_CLASS_P = {
        {0.5, 0.25, 0.25},
        {0.2, 0.6, 0.2},
        {0.1, 0.1, 0.8}};

    @Test
    void weightedMatchesTheHandComputedThreeByThreeCase() {
        double loss = PlasticcLogLoss.weighted(ONE_PER_CLASS_TRUTH, ONE_PER_CLASS_P, CODES_WITH_TDE);
        assertEquals(-(Math.log(0.5) + 2 * Math.log(0.6) + Math.log(0.8)) / 4, loss, TIGHT);
        assertEquals(0.484485, loss, 1e-6);
    }

    @Test
    void flatMatchesTheHandComputedThreeByThreeCase() {
        double loss = PlasticcLogLoss.flat(ONE_PER_CLASS_TRUTH, ONE_PER_CLASS_P);
        assertEquals(-(Math.log(0.5) + Math.log(0.6) + Math.log(0.8)) / 3, loss, TIGHT);
        assertEquals(0.475705, loss, 1e-6);
    }

    /*
     * Per-class, not per-row, averaging. Columns 42 (w 1), 64 (kilonova, w 2), 90 (w 1):
     *   rows of class 42: p = 0.9 -> 0.105361, p = 0.3 -> 1.203973; class mean 0.654667
     *   row of class 64:  p = 0.5 -> 0.693147
     *   row of class 90:  p = 0.25 -> 1.386294
     * weighted: (0.654667 + 2 * 0.693147 + 1.386294) / 4 = 0.856814
     * (a plain mean over the 4 rows would be 0.847194, and per-class flat is 0.911369)
     */
    @Test
    void averagesWithinEachClassBeforeWeighting() {
        int[] truth = {0, 0, 1, 2};
        double[][] p = {
            {0.9, 0.05, 0.05},
            {0.3, 0.4, 0.3},
            {0.25, 0.5, 0.25},
            {0.5, 0.25, 0.25}};
        double classMean42 = -(Math.log(0.9) + Math.log(0.3)) / 2;

        assertArrayEquals(new double[] {classMean42, -Math.log(0.5), -Math.log(0.25)},
                PlasticcLogLoss.perClassMeanLogLoss(truth, p), TIGHT);
        assertEquals((classMean42 - 2 * Math.log(0.5) - Math.log(0.25)) / 4,
                PlasticcLogLoss.weighted(truth, p, new int[] {42, 64, 90}), TIGHT);
        assertEquals(0.856814, PlasticcLogLoss.weighted(truth, p, new int[] {42, 64, 90}), 1e-6);
        assertEquals(0.911369, PlasticcLogLoss.flat(truth, p), 1e-6);
    }

    @Test
    void aProbabilityOfZeroCostsMinusLnEpsilon() {
        // Clipped row: {1e-15, 1 - 1e-15, 1e-15}, sum 1 + 1e-15: p = 1e-15 / (1 + 1e-15), -ln p = 34.538776...
        double loss = PlasticcLogLoss.flat(new int[] {0}, new double[][] {{0.0, 1.0, 0.0}});
        assertEquals(-Math.log(1e-15), loss, 1e-9);
        assertEquals(34.538776, loss, 1e-6);
    }

    @Test
    void probabilitiesAboveOneAndBelowZeroAreClipped() {
        // {-3, 7} clips to {1e-15, 1 - 1e-15}: the same as {0, 1}.
        double clippedOutside = PlasticcLogLoss.flat(new int[] {0}, new double[][] {{-3.0, 7.0}});
        double clippedInside = PlasticcLogLoss.flat(new int[] {0}, new double[][] {{0.0, 1.0}});
        assertEquals(clippedInside, clippedOutside, TIGHT);
        assertEquals(-Math.log(1e-15), clippedOutside, 1e-9);
    }

    @Test
    void rowsAreNormalisedAfterClipping() {
        // {0.4, 0.2, 0.2} normalises to {0.5, 0.25, 0.25}; {0.2, 0.2, 0.2} to thirds.
        assertEquals(Math.log(2), PlasticcLogLoss.flat(new int[] {0}, new double[][] {{0.4, 0.2, 0.2}}), TIGHT);
        assertEquals(Math.log(3), PlasticcLogLoss.flat(new int[] {2}, new double[][] {{0.2, 0.2, 0.2}}), TIGHT);
        assertArrayEquals(new double[] {0.5, 0.25, 0.25},
                PlasticcLogLoss.clipAndNormalise(new double[] {0.4, 0.2, 0.2}), TIGHT);
        // Clipping comes first: {2, 1, 1} clips to {1 - 1e-15, 1 - 1e-15, 1 - 1e-15}, i.e. thirds, not halves.
        assertEquals(Math.log(3), PlasticcLogLoss.flat(new int[] {0}, new double[][] {{2, 1, 1}}), TIGHT);
        // An all-zero row becomes uniform.
        assertArrayEquals(new double[] {0.5, 0.5}, PlasticcLogLoss.clipAndNormalise(new double[] {0, 0}), TIGHT);
    }

    @Test
    void classesAbsentFromTheTruthDoNotCount() {
        // Class 15 (column 1, weight 2) has no rows: only columns 0 and 2 enter, each with weight 1.
        int[] truth = {0, 2};
        double[][] p = {{0.5, 0.25, 0.25}, {0.1, 0.1, 0.8}};
        double expected = -(Math.log(0.5) + Math.log(0.8)) / 2;

        assertEquals(expected, PlasticcLogLoss.weighted(truth, p, CODES_WITH_TDE), TIGHT);
        assertEquals(expected, PlasticcLogLoss.flat(truth, p), TIGHT);
        double[] perClass = PlasticcLogLoss.perClassMeanLogLoss(truth, p);
        assertTrue(Double.isNaN(perClass[1]));
        assertEquals(-Math.log(0.8), perClass[2], TIGHT);
    }

    @Test
    void kaggleAndFlatWeightsDifferOnlyWhenAnUpWeightedClassIsPresent() {
        assertNotEquals(PlasticcLogLoss.flat(ONE_PER_CLASS_TRUTH, ONE_PER_CLASS_P),
                PlasticcLogLoss.weighted(ONE_PER_CLASS_TRUTH, ONE_PER_CLASS_P, CODES_WITH_TDE), 1e-3);
        // Same rows labelled 6, 16, 42: every weight is 1.
        assertEquals(PlasticcLogLoss.flat(ONE_PER_CLASS_TRUTH, ONE_PER_CLASS_P),
                PlasticcLogLoss.weighted(ONE_PER_CLASS_TRUTH, ONE_PER_CLASS_P, new int[] {6, 16, 42}), TIGHT);
        // Kilonova (64) in column 1 weighs like TDE.
        assertEquals(PlasticcLogLoss.weighted(ONE_PER_CLASS_TRUTH, ONE_PER_CLASS_P, CODES_WITH_TDE),
                PlasticcLogLoss.weighted(ONE_PER_CLASS_TRUTH, ONE_PER_CLASS_P, new int[] {6, 64, 16}), TIGHT);
    }

    @Test
    void kaggleWeightsComeFromThePlasticcClasses() {
        assertArrayEquals(new double[] {1, 2, 1, 2, 2, 1},
                PlasticcLogLoss.kaggleWeights(new int[] {6, 15, 90, 64, 99, 42}), 0.0);
    }

    @Test
    void perfectPredictionsCostAlmostNothing() {
        int[] truth = {0, 1, 2, 1};
        double[][] p = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0, 1, 0}};
        double loss = PlasticcLogLoss.weighted(truth, p, CODES_WITH_TDE);
        assertTrue(loss >= 0.0 && loss < 1e-13, "loss " + loss);
    }

    @Test
    void explicitWeightsGeneraliseBothVariants() {
        double[] custom = {3, 0, 1};
        // Column 1's weight 0 removes it: (3 * 0.693147 + 0.223144) / 4.
        assertEquals(-(3 * Math.log(0.5) + Math.log(0.8)) / 4,
                PlasticcLogLoss.withWeights(ONE_PER_CLASS_TRUTH, ONE_PER_CLASS_P, custom), TIGHT);
    }

    @Test
    void rejectsMalformedInput() {
        assertThrows(IllegalArgumentException.class,
                () -> PlasticcLogLoss.weighted(ONE_PER_CLASS_TRUTH, ONE_PER_CLASS_P, new int[] {6, 15, 17}));
        assertThrows(IllegalArgumentException.class,
                () -> PlasticcLogLoss.weighted(ONE_PER_CLASS_TRUTH, ONE_PER_CLASS_P, new int[] {6, 15, 6}));
        assertThrows(IllegalArgumentException.class,
                () -> PlasticcLogLoss.weighted(ONE_PER_CLASS_TRUTH, ONE_PER_CLASS_P, new int[] {6, 15}));
        assertThrows(IllegalArgumentException.class,
                () -> PlasticcLogLoss.flat(new int[] {0, 1}, ONE_PER_CLASS_P));
        assertThrows(IllegalArgumentException.class,
                () -> PlasticcLogLoss.flat(new int[] {0, 3, 1}, ONE_PER_CLASS_P));
        assertThrows(IllegalArgumentException.class,
                () -> PlasticcLogLoss.flat(new int[] {0}, new double[][] {{Double.NaN, 1}}));
        assertThrows(IllegalArgumentException.class,
                () -> PlasticcLogLoss.flat(new int[] {0, 1}, new double[][] {{0.5, 0.5}, {1.0}}));
        assertThrows(IllegalArgumentException.class,
                () -> PlasticcLogLoss.flat(new int[0], new double[0][]));
        assertThrows(IllegalArgumentException.class,
                () -> PlasticcLogLoss.withWeights(new int[] {1}, new double[][] {{0.5, 0.5}}, new double[] {1, 0}));
    }
}
