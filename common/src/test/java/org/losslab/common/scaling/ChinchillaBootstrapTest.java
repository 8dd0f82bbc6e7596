package org.losslab.common.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bootstrap of the Chinchilla fit on a 7 x 7 grid of Hoffmann's law, 200 resamples, at 2% and 0.5% noise from
 * the same normal draws. With four times less noise the standard errors should fall about fourfold; the test
 * asks for at least twofold for every parameter.
 */
class ChinchillaBootstrapTest {
    private static final int RESAMPLES = 200;
    private static final long SEED = 11L;
    private static final ChinchillaOptions OPTIONS =
            ChinchillaOptions.defaults().withGrid(ScalingData.SMALL_GRID).withBootstrap(RESAMPLES, SEED);

    private static List<ScalingPoint> noisyPoints;
    private static ChinchillaResult noisy;
    private static ChinchillaResult quiet;

    @BeforeAll
    static void fitBothNoiseLevels() {
        noisyPoints = ScalingData.grid(ChinchillaFitTest.HOFFMANN, 7, 0.02, 12L);
        noisy = ChinchillaFit.fit(noisyPoints, OPTIONS);
        quiet = ChinchillaFit.fit(ScalingData.grid(ChinchillaFitTest.HOFFMANN, 7, 0.005, 12L), OPTIONS);
    }

    @Test
    void standardErrorsAreFinitePositiveAndShrinkWithTheNoise() {
        for (ChinchillaResult fit : List.of(noisy, quiet)) {
            assertEquals(ChinchillaFit.PARAMETERS, List.copyOf(fit.standardErrors().keySet()));
            assertEquals(RESAMPLES, fit.bootstrap().resamples());
            assertTrue(fit.bootstrap().converged() >= RESAMPLES * 9 / 10,
                    "only " + fit.bootstrap().converged() + " refits converged");
            fit.standardErrors().forEach((name, se) ->
                    assertTrue(se > 0.0 && Double.isFinite(se), name + " SE " + se));
        }
        for (String name : ChinchillaFit.PARAMETERS) {
            double ratio = quiet.standardErrors().get(name) / noisy.standardErrors().get(name);
            assertTrue(ratio < 0.5, name + ": SE at 0.5% noise / SE at 2% noise = " + ratio);
        }
    }

    @Test
    void intervalsContainTheEstimateAndNest() {
        for (ChinchillaResult fit : List.of(noisy, quiet)) {
            Map<String, Double> estimates = Map.of("A", fit.A(), "B", fit.B(), "E", fit.E(), "alpha", fit.alpha(),
                    "beta", fit.beta());
            for (String name : ChinchillaFit.PARAMETERS) {
                Interval inner = fit.interval80().get(name);
                Interval outer = fit.interval95().get(name);
                assertTrue(inner.contains(estimates.get(name)), name + " " + estimates.get(name) + " outside " + inner);
                assertTrue(outer.lower() <= inner.lower() && inner.upper() <= outer.upper(),
                        name + ": 80% " + inner + " not inside 95% " + outer);
                assertTrue(inner.width() > 0.0, name + " has an empty interval");
            }
        }
    }

    @Test
    void isDeterministicForASeed() {
        ChinchillaResult again = ChinchillaFit.fit(noisyPoints, OPTIONS);
        assertEquals(noisy.bootstrap(), again.bootstrap());
        ChinchillaResult otherSeed = ChinchillaFit.fit(noisyPoints, OPTIONS.withBootstrap(RESAMPLES, SEED + 1));
        assertEquals(noisy.law(), otherSeed.law());
        assertNotEquals(noisy.standardErrors(), otherSeed.standardErrors());
    }

    @Test
    void refitsWithInfiniteParametersAreLeftOutOfTheSummary() {
        double[] good = {400, 400, 1.7, 0.34, 0.28};
        double[] runaway = {400, Double.POSITIVE_INFINITY, 1.7, 0.34, 42};
        assertEquals(List.of(good), ChinchillaFit.summarisable(new double[][] {good, null, runaway}));
        assertThrows(IllegalArgumentException.class, () -> BootstrapSummary.of(2, 1L, List.of("x"),
                List.of(new double[] {1.0}, new double[] {Double.POSITIVE_INFINITY})),
                "an interval over an infinite value would be [NaN, NaN]");
    }
}
