package org.losslab.common.scaling;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.losslab.common.train.AnnealingAreas;
import org.losslab.common.train.LearningRateSchedule;

/**
 * The annealing law fitted on a constant and a cosine run (4,000 steps, peak lr 3e-3, 100 warm-up steps left
 * out of the areas, 0.5% multiplicative noise per step) predicts a warmup-stable-decay run (20% linear decay to
 * 3e-5) it never saw. Bound: the predicted WSD curve is within 0.5% of the true curve at every step and within
 * 0.1% on average. For scale, the same law without its annealing term (C = 0) misses the end of the WSD
 * decay by several percent, so a fit that got C wrong would fail.
 */
class AnnealingLawFitTest {
    private static final AnnealingLaw TRUTH = new AnnealingLaw(1.9, 0.8, 0.45, 0.1, AnnealingAreas.DEFAULT_LAMBDA);
    private static final int TOTAL_STEPS = 4000;
    private static final int WARMUP = 100;
    private static final int STEPS = TOTAL_STEPS - WARMUP;
    private static final double PEAK_LR = 3e-3;
    private static final double NOISE = 0.005;
    private static final double MAX_RELATIVE_BOUND = 0.005;
    private static final double MEAN_RELATIVE_BOUND = 0.001;

    private static final LearningRateSchedule CONSTANT = LearningRateSchedule.constant(PEAK_LR);
    private static final LearningRateSchedule COSINE = LearningRateSchedule.cosine(PEAK_LR, WARMUP, TOTAL_STEPS, 3e-4);
    private static final LearningRateSchedule WSD =
            LearningRateSchedule.warmupStableDecay(PEAK_LR, WARMUP, TOTAL_STEPS, 0.2, 3e-5);

    private static AnnealingRun constantRun;
    private static AnnealingRun cosineRun;
    private static AnnealingFitResult fit;

    @BeforeAll
    static void fitConstantAndCosine() {
        SplittableRandom random = new SplittableRandom(21L);
        constantRun = noisyRun(CONSTANT, 0, random);
        cosineRun = noisyRun(COSINE, WARMUP, random);
        fit = AnnealingLawFit.fit(List.of(constantRun, cosineRun));
    }

    @Test
    void predictsAnUnseenWarmupStableDecayCurve() {
        double[] rates = WSD.sample(WARMUP, STEPS);
        AnnealingRun trueWsd = new AnnealingRun(rates, TRUTH.predict(rates));
        AnnealingPrediction prediction = fit.predict(trueWsd);

        assertTrue(prediction.maxRelativeError() < MAX_RELATIVE_BOUND, prediction.toString());
        assertTrue(prediction.meanRelativeError() < MEAN_RELATIVE_BOUND, prediction.toString());

        AnnealingLaw withoutAnnealing = new AnnealingLaw(fit.law().L0(), fit.law().A(), fit.law().alpha(), 0.0,
                fit.law().lambda());
        double missWithoutAnnealing = AnnealingLawFit.predict(withoutAnnealing, trueWsd).maxRelativeError();
        assertTrue(missWithoutAnnealing > 4 * MAX_RELATIVE_BOUND, "C = 0 misses by only " + missWithoutAnnealing);
    }

    @Test
    void predictionErrorAgainstANoisyCurveIsAboutTheNoise() {
        AnnealingRun noisyWsd = noisyRun(WSD, WARMUP, new SplittableRandom(22L));
        AnnealingPrediction prediction = fit.predict(noisyWsd);
        // mean |z| of a normal is 0.8 sigma
        assertEquals(0.8 * NOISE, prediction.meanRelativeError(), 0.1 * NOISE);
        assertEquals(STEPS, prediction.predicted().length);
    }

    @Test
    void recoversTheLawsParameters() {
        AnnealingLaw law = fit.law();
        assertAll(
                () -> assertEquals(TRUTH.L0(), law.L0(), 0.01 * TRUTH.L0(), "L0"),
                () -> assertEquals(TRUTH.A(), law.A(), 0.02 * TRUTH.A(), "A"),
                () -> assertEquals(TRUTH.alpha(), law.alpha(), 0.01, "alpha"),
                () -> assertEquals(TRUTH.C(), law.C(), 0.05 * TRUTH.C(), "C"),
                () -> assertEquals(AnnealingAreas.DEFAULT_LAMBDA, law.lambda(), 0.0, "lambda"));
        assertEquals(2 * STEPS, fit.stepsUsed());
        assertTrue(fit.startsConverged() > 0);
    }

    @Test
    void skippedLeadingStepsStayOutOfTheFitButInTheAreas() {
        int skip = 500;
        AnnealingFitResult skipped = AnnealingLawFit.fit(List.of(constantRun, cosineRun),
                AnnealingOptions.defaults().withSkipSteps(skip));
        assertEquals(2 * (STEPS - skip), skipped.stepsUsed());
        assertEquals(TRUTH.C(), skipped.law().C(), 0.05 * TRUTH.C());
        assertEquals(TRUTH.alpha(), skipped.law().alpha(), 0.05);
    }

    @Test
    void lawUsesTheProjectsAreas() {
        double[] rates = {1.0, 0.8, 0.4, 0.4};
        AnnealingLaw law = new AnnealingLaw(1.0, 2.0, 0.5, 0.3, 0.5);
        // S1 = {1, 1.8, 2.2, 2.6}, S2 = {0, 0.2, 0.7, 0.95} (see AnnealingAreasTest)
        double[] expected = {1.0 + 2.0, 1.0 + 2.0 / Math.sqrt(1.8) - 0.06, 1.0 + 2.0 / Math.sqrt(2.2) - 0.21,
                1.0 + 2.0 / Math.sqrt(2.6) - 0.285};
        assertArrayEquals(expected, law.predict(rates), 1e-12);
    }

    @Test
    void gradientMatchesCentralDifferences() {
        double[] rates = COSINE.sample(WARMUP, 500);
        AnnealingAreas areas = AnnealingAreas.of(rates);
        double[] logForward = new double[rates.length];
        for (int s = 0; s < rates.length; s++) {
            logForward[s] = Math.log(areas.forwardArea(s));
        }
        double[] losses = TRUTH.predict(rates);
        for (int s = 0; s < losses.length; s += 3) {
            losses[s] *= 1.01;
        }
        AnnealingObjective objective = new AnnealingObjective(logForward, areas.annealingAreas(), losses, 1e-3);
        double[] theta = {Math.log(1.7), Math.log(0.6), 0.4, 0.2};
        double error = ScalingData.gradientError(objective, theta, 1e-7);
        assertTrue(error < 1e-5, "relative gradient error " + error);
    }

    @Test
    void rejectsAZeroForwardArea() {
        double[] rates = WSD.sample(0, 200);
        AnnealingRun fromStepZero = new AnnealingRun(rates, TRUTH.predict(WSD.sample(WARMUP, 200)));
        assertThrows(IllegalArgumentException.class, () -> AnnealingLawFit.fit(List.of(fromStepZero)));
    }

    private static AnnealingRun noisyRun(LearningRateSchedule schedule, long fromStep, SplittableRandom random) {
        double[] rates = schedule.sample(fromStep, STEPS);
        double[] losses = TRUTH.predict(rates);
        for (int s = 0; s < losses.length; s++) {
            losses[s] *= 1.0 + NOISE * ScalingData.gaussian(random);
        }
        return new AnnealingRun(rates, losses);
    }
}
