package org.losslab.common.scaling;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parameter recovery of the Chinchilla fit on a 12 x 12 grid (N 1e6..1e9, D 1e7..1e11) with 1% multiplicative
 * noise. Tolerances: alpha and beta within 0.05, E within 5%, A and B within a factor of 2. Over 30 noise seeds
 * the RMS errors on this grid were at most 0.011 (alpha), 0.003 (beta) and 1.4% (E), so the tolerances sit
 * at 3.5 or more RMS; A and B trade off against alpha and beta and are only loosely determined.
 */
class ChinchillaFitTest {
    static final ChinchillaLaw HOFFMANN = new ChinchillaLaw(1.69, 406.4, 410.7, 0.34, 0.28);
    /** Besiroglu et al. (2024)'s re-fit of Hoffmann et al.'s data. */
    static final ChinchillaLaw EPOCH = new ChinchillaLaw(1.82, 482.01, 2085.43, 0.3478, 0.3658);
    /** Steeper in N than in D, with a large coefficient on N. */
    static final ChinchillaLaw PARAMS_HEAVY = new ChinchillaLaw(2.5, 2000.0, 300.0, 0.5, 0.25);

    static final int SIZES = 12;
    static final double NOISE = 0.01;
    static final double EXPONENT_TOLERANCE = 0.05;
    static final double E_RELATIVE_TOLERANCE = 0.05;
    static final double COEFFICIENT_FACTOR = 2.0;

    @Test
    void recoversHoffmannsParametersFromEveryStartOfTheFullGrid() {
        List<ScalingPoint> points = ScalingData.grid(HOFFMANN, SIZES, NOISE, 1L);
        ChinchillaResult fit = ChinchillaFit.fit(points);

        assertEquals(4500, fit.startsTried());
        assertTrue(fit.startsConverged() > 0 && fit.startsConverged() <= 4500, "converged " + fit.startsConverged());
        assertEquals(points.size(), fit.pointsUsed());
        assertTrue(fit.bootstrap().isEmpty());
        assertRecovers(HOFFMANN, points, fit);
    }

    static Stream<Arguments> otherLaws() {
        return Stream.of(Arguments.of("Epoch re-fit", EPOCH, 2L), Arguments.of("params-heavy", PARAMS_HEAVY, 3L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("otherLaws")
    void recoversOtherParameterSets(String name, ChinchillaLaw truth, long seed) {
        List<ScalingPoint> points = ScalingData.grid(truth, SIZES, NOISE, seed);
        ChinchillaResult fit = ChinchillaFit.fit(points, ChinchillaOptions.defaults().withGrid(ScalingData.SMALL_GRID));

        assertEquals(ScalingData.SMALL_GRID.size(), fit.startsTried());
        assertRecovers(truth, points, fit);
    }

    @Test
    void leavesOutTheHighestLossesBeforeFitting() {
        List<ScalingPoint> clean = ScalingData.grid(HOFFMANN, 7, NOISE, 4L);
        List<ScalingPoint> withOutliers = new ArrayList<>(clean);
        withOutliers.add(new ScalingPoint(3e7, 3e8, 40.0));
        withOutliers.add(new ScalingPoint(2e8, 5e9, 30.0));
        ChinchillaOptions options = ChinchillaOptions.defaults().withGrid(ScalingData.SMALL_GRID);

        ChinchillaResult reference = ChinchillaFit.fit(clean, options);
        ChinchillaResult excluded = ChinchillaFit.fit(withOutliers, options.withExcludeHighestLoss(2));
        ChinchillaResult kept = ChinchillaFit.fit(withOutliers, options);

        assertEquals(clean.size(), excluded.pointsUsed());
        assertEquals(withOutliers.size(), kept.pointsUsed());
        assertEquals(reference.law(), excluded.law(), "the same points in the same order give the same fit");
        assertEquals(reference.objective(), excluded.objective(), 0.0);
        assertTrue(kept.objective() > reference.objective() + 1e-3, "outliers add to the objective");
    }

    @Test
    void objectiveIsTheHuberSumOfLogResiduals() {
        ScalingPoint exact = new ScalingPoint(1e8, 1e10, HOFFMANN.loss(1e8, 1e10));
        assertEquals(0.0, ChinchillaFit.objective(List.of(exact), HOFFMANN), 1e-15);

        // log residual 0.01 is past delta = 1e-3: delta * (0.01 - delta / 2) = 9.5e-6
        ScalingPoint off = new ScalingPoint(1e8, 1e10, HOFFMANN.loss(1e8, 1e10) * Math.exp(-0.01));
        assertEquals(9.5e-6, ChinchillaFit.objective(List.of(off), HOFFMANN), 1e-15);

        // log residual 5e-4 is inside delta: 0.5 * (5e-4)^2 = 1.25e-7, the same for both points
        ScalingPoint close = new ScalingPoint(1e7, 1e9, HOFFMANN.loss(1e7, 1e9) * Math.exp(5e-4));
        assertEquals(9.5e-6 + 1.25e-7, ChinchillaFit.objective(List.of(off, close), HOFFMANN), 1e-15);
    }

    @Test
    void gradientMatchesCentralDifferences() {
        List<ScalingPoint> points = ScalingData.grid(HOFFMANN, 5, NOISE, 5L);
        // delta = 1 keeps every residual in the smooth quadratic part; delta = 1e-3 needs a step far below it
        ChinchillaObjective smooth = ChinchillaObjective.of(points, 1.0);
        ChinchillaObjective huber = ChinchillaObjective.of(points, ChinchillaFit.HUBER_DELTA);
        SplittableRandom random = new SplittableRandom(6L);
        for (int trial = 0; trial < 20; trial++) {
            double[] theta = {random.nextDouble(0, 25), random.nextDouble(0, 25), random.nextDouble(-1, 1),
                    random.nextDouble(0, 2), random.nextDouble(0, 2)};
            double smoothError = ScalingData.gradientError(smooth, theta, 1e-6);
            double huberError = ScalingData.gradientError(huber, theta, 1e-9);
            assertTrue(smoothError < 1e-6, "relative gradient error " + smoothError + " at trial " + trial);
            assertTrue(huberError < 1e-4, "relative gradient error " + huberError + " at trial " + trial);
        }
    }

    @Test
    void rejectsTooFewPoints() {
        List<ScalingPoint> four = ScalingData.grid(HOFFMANN, 2, NOISE, 7L);
        assertThrows(IllegalArgumentException.class, () -> ChinchillaFit.fit(four));
        List<ScalingPoint> nine = ScalingData.grid(HOFFMANN, 3, NOISE, 7L);
        assertThrows(IllegalArgumentException.class,
                () -> ChinchillaFit.fit(nine, ChinchillaOptions.defaults().withExcludeHighestLoss(5)));
    }

    private static void assertRecovers(ChinchillaLaw truth, List<ScalingPoint> points, ChinchillaResult fit) {
        double objectiveAtTruth = ChinchillaFit.objective(points, truth);
        assertAll(
                () -> assertEquals(truth.alpha(), fit.alpha(), EXPONENT_TOLERANCE, "alpha"),
                () -> assertEquals(truth.beta(), fit.beta(), EXPONENT_TOLERANCE, "beta"),
                () -> assertEquals(truth.E(), fit.E(), E_RELATIVE_TOLERANCE * truth.E(), "E"),
                () -> assertWithinFactor(truth.A(), fit.A(), "A"),
                () -> assertWithinFactor(truth.B(), fit.B(), "B"),
                () -> assertTrue(fit.objective() <= objectiveAtTruth,
                        "objective " + fit.objective() + " above its value at the true parameters " + objectiveAtTruth),
                () -> assertEquals(ChinchillaFit.objective(points, fit.law()), fit.objective(),
                        1e-12 * fit.objective(), "reported objective is the objective of the reported law"));
    }

    private static void assertWithinFactor(double expected, double actual, String name) {
        assertTrue(actual >= expected / COEFFICIENT_FACTOR && actual <= expected * COEFFICIENT_FACTOR,
                name + " = " + actual + " not within a factor " + COEFFICIENT_FACTOR + " of " + expected);
    }
}
