package org.losslab.common.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ChinchillaLawTest {
    private static final ChinchillaLaw HOFFMANN = ChinchillaFitTest.HOFFMANN;

    @Test
    void exponentsAreHoffmannsAndSumToOne() {
        // a = beta / (alpha + beta) = 0.28 / 0.62, b = 0.34 / 0.62
        assertEquals(0.28 / 0.62, HOFFMANN.paramsExponent(), 1e-15);
        assertEquals(0.34 / 0.62, HOFFMANN.tokensExponent(), 1e-15);
        assertEquals(1.0, HOFFMANN.paramsExponent() + HOFFMANN.tokensExponent(), 1e-15);
    }

    @Test
    void allocationSpendsTheBudgetAndFollowsThePowerLaws() {
        double compute = 5.76e23;
        ComputeAllocation optimum = HOFFMANN.computeOptimal(compute);
        assertEquals(compute, 6.0 * optimum.params() * optimum.tokens(), 1e-9 * compute);
        double g = Math.pow(0.34 * 406.4 / (0.28 * 410.7), 1.0 / 0.62);
        assertEquals(g, HOFFMANN.allocationScale(), 1e-12 * g);
        assertEquals(g * Math.pow(compute / 6.0, 0.28 / 0.62), optimum.params(), 1e-9 * optimum.params());
        assertEquals(HOFFMANN.loss(optimum.params(), optimum.tokens()), optimum.loss(), 0.0);

        ComputeAllocation tenfold = HOFFMANN.computeOptimal(10.0 * compute);
        assertEquals(Math.pow(10.0, HOFFMANN.paramsExponent()), tenfold.params() / optimum.params(), 1e-9);
        assertEquals(Math.pow(10.0, HOFFMANN.tokensExponent()), tenfold.tokens() / optimum.tokens(), 1e-9);
    }

    @Test
    void allocationMinimisesTheLossAlongTheIsoFlopCurve() {
        for (double compute : new double[] {1e18, 1e21, 1e24}) {
            ComputeAllocation optimum = HOFFMANN.computeOptimal(compute);
            for (double factor : new double[] {0.5, 0.9, 0.99, 1.01, 1.1, 2.0}) {
                double n = optimum.params() * factor;
                double loss = HOFFMANN.loss(n, compute / (6.0 * n));
                assertTrue(loss > optimum.loss(), "N_opt x " + factor + " at C = " + compute + " has lower loss");
            }
        }
    }

    @Test
    void allocationNeedsPositiveExponentsAndCompute() {
        ChinchillaLaw flatInN = new ChinchillaLaw(1.0, 1.0, 1.0, 0.0, 0.3);
        assertThrows(IllegalStateException.class, () -> flatInN.computeOptimal(1e20));
        assertThrows(IllegalArgumentException.class, () -> HOFFMANN.computeOptimal(0.0));
    }
}
