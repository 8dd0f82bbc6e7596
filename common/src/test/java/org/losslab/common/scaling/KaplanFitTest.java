package org.losslab.common.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Kaplan et al.'s laws on data whose frontier is exactly a power law: at each N the largest D gives
 * {@code (N_c / N)^alpha_N} and smaller D add a penalty, and the same with N and D swapped. Exact data, so the
 * exponents must come back to 1e-6 and the scales to 1e-4 (relative).
 */
class KaplanFitTest {
    private static final double N_C = 8.8e13;
    private static final double ALPHA_N = 0.076;
    private static final double D_C = 5.4e13;
    private static final double ALPHA_D = 0.095;

    @Test
    void recoversTheParameterExponentFromItsFrontier() {
        List<ScalingPoint> points = frontierGrid(KaplanFit.Variable.PARAMS, 0.0);
        KaplanResult fit = KaplanFit.fit(points, KaplanFit.Variable.PARAMS, false);

        assertEquals(9, fit.frontierPoints());
        assertEquals(ALPHA_N, fit.exponent(), 1e-6);
        assertEquals(N_C, fit.scale(), 1e-4 * N_C);
        assertEquals(0.0, fit.irreducible(), 0.0);
        assertTrue(fit.objective() < 1e-16, "objective " + fit.objective());
    }

    @Test
    void recoversTheTokenExponentFromItsFrontier() {
        List<ScalingPoint> points = frontierGrid(KaplanFit.Variable.TOKENS, 0.0);
        KaplanResult fit = KaplanFit.fit(points, KaplanFit.Variable.TOKENS, false);

        assertEquals(ALPHA_D, fit.exponent(), 1e-6);
        assertEquals(D_C, fit.scale(), 1e-4 * D_C);
        assertEquals(Math.pow(D_C / 1e9, ALPHA_D), fit.loss(1e9), 1e-9);
    }

    @Test
    void recoversAnIrreducibleLossWhenAsked() {
        double irreducible = 1.5;
        List<ScalingPoint> points = frontierGrid(KaplanFit.Variable.PARAMS, irreducible);
        KaplanResult fit = KaplanFit.fit(points, KaplanFit.Variable.PARAMS, true);

        assertEquals(ALPHA_N, fit.exponent(), 1e-4);
        assertEquals(irreducible, fit.irreducible(), 1e-4 * irreducible);
        assertTrue(fit.objective() < 1e-12, "objective " + fit.objective());

        KaplanResult withoutFloor = KaplanFit.fit(points, KaplanFit.Variable.PARAMS, false);
        assertTrue(withoutFloor.exponent() < ALPHA_N - 0.01, "a pure power law flattens over a floor");
        assertTrue(withoutFloor.objective() > 1e-4, "and misfits: objective " + withoutFloor.objective());
    }

    @Test
    void frontierKeepsTheLowestLossPerValue() {
        List<ScalingPoint> points = List.of(new ScalingPoint(1e6, 1e8, 3.0), new ScalingPoint(1e6, 1e9, 2.5),
                new ScalingPoint(1e7, 1e8, 2.8), new ScalingPoint(1e7, 1e9, 2.9));
        assertEquals(List.of(points.get(1), points.get(2)), KaplanFit.frontier(points, KaplanFit.Variable.PARAMS));
        assertEquals(List.of(points.get(2), points.get(1)), KaplanFit.frontier(points, KaplanFit.Variable.TOKENS));
    }

    @Test
    void gradientMatchesCentralDifferences() {
        double[] u = {-2.0, -1.0, 0.0, 1.0, 2.0};
        double[] logLoss = {1.1, 0.9, 0.8, 0.7, 0.65};
        KaplanObjective withFloor = new KaplanObjective(u, logLoss, true);
        KaplanObjective pure = new KaplanObjective(u, logLoss, false);
        assertTrue(ScalingData.gradientError(withFloor, new double[] {0.5, 0.2, -0.3}, 1e-6) < 1e-6);
        assertTrue(ScalingData.gradientError(pure, new double[] {0.5, 0.2}, 1e-6) < 1e-6);
    }

    @Test
    void needsEnoughDistinctValues() {
        List<ScalingPoint> two = List.of(new ScalingPoint(1e6, 1e8, 3.0), new ScalingPoint(1e7, 1e8, 2.5),
                new ScalingPoint(1e7, 1e9, 2.4));
        assertThrows(IllegalArgumentException.class, () -> KaplanFit.fit(two, KaplanFit.Variable.PARAMS, false));
    }

    /** 9 x 5 points whose frontier in {@code variable} is exactly {@code floor + (x_c / x)^alpha}. */
    private static List<ScalingPoint> frontierGrid(KaplanFit.Variable variable, double floor) {
        List<ScalingPoint> points = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            double x = ScalingData.logSpaced(1e6, 1e10, i, 9);
            double frontierLoss = variable == KaplanFit.Variable.PARAMS
                    ? floor + Math.pow(N_C / x, ALPHA_N)
                    : floor + Math.pow(D_C / x, ALPHA_D);
            for (int j = 0; j < 5; j++) {
                double other = ScalingData.logSpaced(1e7, 1e11, j, 5);
                // zero penalty at the largest other value, growing as it shrinks
                double loss = frontierLoss * (1.0 + 0.05 * Math.log(1e11 / other));
                points.add(variable == KaplanFit.Variable.PARAMS
                        ? new ScalingPoint(x, other, loss)
                        : new ScalingPoint(other, x, loss));
            }
        }
        return points;
    }
}
