package org.losslab.common.scaling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import breeze.linalg.DenseVector;
import breeze.optimize.DiffFunction;
import org.junit.jupiter.api.Test;
import scala.Function1;

class BreezeLbfgsTest {
    /** Rosenbrock's function, minimum 0 at (1, 1). */
    private static final BreezeLbfgs.Objective ROSENBROCK = (x, g) -> {
        double a = 1.0 - x[0];
        double b = x[1] - x[0] * x[0];
        g[0] = -2.0 * a - 400.0 * x[0] * b;
        g[1] = 200.0 * b;
        return a * a + 100.0 * b * b;
    };

    @Test
    void minimisesRosenbrocksFunction() {
        BreezeLbfgs.Minimum minimum = BreezeLbfgs.minimize(ROSENBROCK, new double[] {-1.2, 1.0},
                OptimizerSettings.defaults());
        assertTrue(minimum.converged(), minimum.outcome().toString());
        assertArrayEquals(new double[] {1.0, 1.0}, minimum.x(), 1e-6);
        assertEquals(0.0, minimum.value(), 1e-12);
    }

    @Test
    void aRunCutShortByTheIterationLimitHasNotConverged() {
        BreezeLbfgs.Minimum minimum = BreezeLbfgs.minimize(ROSENBROCK, new double[] {-1.2, 1.0},
                new OptimizerSettings(2, 10, 1e-12));
        assertEquals(BreezeLbfgs.Outcome.MAX_ITERATIONS, minimum.outcome());
        assertFalse(minimum.converged());
    }

    @Test
    void doesNotModifyTheStart() {
        double[] start = {-1.2, 1.0};
        BreezeLbfgs.minimize(ROSENBROCK, start, OptimizerSettings.defaults());
        assertArrayEquals(new double[] {-1.2, 1.0}, start, 0.0);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theAdaptedFunctionAnswersEveryBreezeEntryPoint() {
        DiffFunction<DenseVector<Object>> f = BreezeLbfgs.diffFunction(ROSENBROCK, 2);
        DenseVector<Object> x = new DenseVector<>(new double[] {0.5, 0.5});
        // a = 0.5, b = 0.25: f = 0.25 + 100 * 0.0625 = 6.5, gradient (-1 - 50, 50)
        assertEquals(6.5, f.valueAt(x), 1e-12);
        assertEquals(6.5, f.apply(x), 1e-12);
        assertEquals(6.5, (Double) ((Function1<Object, Object>) (Object) f).apply(x), 1e-12);
        assertArrayEquals(new double[] {-51.0, 50.0}, (double[]) f.gradientAt(x).data(), 1e-12);
        assertEquals(6.5, (Double) f.calculate(x)._1(), 1e-12);
    }

    @Test
    void aNonFiniteObjectiveEndsTheRunUnconverged() {
        BreezeLbfgs.Objective broken = (x, g) -> {
            g[0] = Double.NaN;
            return Double.NaN;
        };
        BreezeLbfgs.Minimum minimum = BreezeLbfgs.minimize(broken, new double[] {0.0}, OptimizerSettings.defaults());
        assertFalse(minimum.converged());
    }
}
