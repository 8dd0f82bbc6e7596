package org.losslab.common.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fit on points that do not determine all five parameters: the six smoothed validation losses of a 3 x 2
 * sweep (MLP widths 4, 8, 16 and data fractions 0.5, 1.0, 3 epochs on the 200-object demo), whose loss is not
 * monotone in N. Every start of the grid ends in one flat valley: 244 of the 4,500 runs end within 1e-9 of the
 * lowest objective, with {@code b = log B} from 114 to 8,833, seven of them past the 709 where {@code exp(b)}
 * overflows. Before the tie-break, the pick among them followed rounding in the objective's sum: twenty orders of
 * these points gave nineteen different laws, and a pick with {@code B} infinite would leave no refit of the
 * bootstrap with a finite {@code B} ("only 0 of 20 bootstrap refits converged", seen in CI on such sweeps).
 */
class ChinchillaFlatValleyTest {
    static final List<ScalingPoint> SWEEP = List.of(
            new ScalingPoint(262, 192, 2.70211596105419), new ScalingPoint(262, 363, 2.5135634108916447),
            new ScalingPoint(510, 192, 3.059862650591157), new ScalingPoint(510, 363, 2.5227548276589578),
            new ScalingPoint(1006, 192, 2.8901128788894948), new ScalingPoint(1006, 363, 2.393430222981679));
    private static final ChinchillaOptions OPTIONS = ChinchillaOptions.defaults().withBootstrap(20, 42L);

    private static ChinchillaResult fit;

    @BeforeAll
    static void fitTheSweep() {
        fit = ChinchillaFit.fit(SWEEP, OPTIONS);
    }

    @Test
    void theFitIsFiniteAndTheBootstrapConverges() {
        for (double value : new double[] {fit.A(), fit.B(), fit.E(), fit.alpha(), fit.beta()}) {
            assertTrue(Double.isFinite(value), fit.law().toString());
        }
        assertTrue(fit.bootstrap().converged() >= 18, "refits converged: " + fit.bootstrap().converged());
        fit.standardErrors().forEach((name, se) -> assertTrue(Double.isFinite(se), name + " SE " + se));
    }

    @Test
    void theFitDoesNotDependOnTheOrderOfThePoints() {
        Random random = new Random(3);
        for (int i = 0; i < 3; i++) {
            List<ScalingPoint> shuffled = new ArrayList<>(SWEEP);
            Collections.shuffle(shuffled, random);
            ChinchillaResult again = ChinchillaFit.fit(shuffled, OPTIONS);
            assertEquals(fit.law(), again.law(), "order " + shuffled);
            assertEquals(fit.bootstrap(), again.bootstrap(), "order " + shuffled);
        }
    }

    @Test
    void amongEquallyGoodRunsTheLeastExtremeFiniteOneIsKept() {
        double best = 1.7e-4;
        BreezeLbfgs.Minimum overflowing = run(new double[] {1.1, 1190.0, -20.0, 0.036, 226.0}, best * (1 - 1e-12));
        BreezeLbfgs.Minimum farOut = run(new double[] {1.1, 276.0, -90.0, 0.036, 52.0}, best);
        BreezeLbfgs.Minimum tame = run(new double[] {1.1, 114.0, -20.0, 0.036, 21.0}, best * (1 + 1e-11));
        BreezeLbfgs.Minimum worse = run(new double[] {1.0, 1.0, 0.5, 0.3, 0.3}, best * 1.01);
        BreezeLbfgs.Minimum notConverged = new BreezeLbfgs.Minimum(new double[] {0, 0, 0, 0, 0}, best / 2, 1.0, 2000,
                BreezeLbfgs.Outcome.MAX_ITERATIONS);
        assertSame(tame, ChinchillaFit.bestConverged(
                new BreezeLbfgs.Minimum[] {overflowing, farOut, worse, tame, notConverged}));
        assertSame(farOut, ChinchillaFit.bestConverged(new BreezeLbfgs.Minimum[] {overflowing, farOut, worse}));
    }

    private static BreezeLbfgs.Minimum run(double[] x, double value) {
        return new BreezeLbfgs.Minimum(x, value, 1e-9, 50, BreezeLbfgs.Outcome.GRADIENT_CONVERGED);
    }
}
