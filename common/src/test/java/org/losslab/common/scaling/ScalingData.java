package org.losslab.common.scaling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleBiFunction;

/** Synthetic scaling-law data for the tests: a log-spaced grid of model and data sizes. */
final class ScalingData {
    static final double MIN_PARAMS = 1e6;
    static final double MAX_PARAMS = 1e9;
    static final double MIN_TOKENS = 1e7;
    static final double MAX_TOKENS = 1e11;

    /** Small start grid (108 starts) for tests that are not about the grid. */
    static final StartGrid SMALL_GRID = new StartGrid(List.of(0.0, 10.0, 20.0), List.of(0.0, 10.0, 20.0),
            List.of(-1.0, 0.0, 1.0), List.of(0.5, 1.0), List.of(0.5, 1.0));

    private ScalingData() {
    }

    /**
     * {@code sizes x sizes} points, N log-spaced over [1e6, 1e9] and D over [1e7, 1e11], with loss
     * {@code law(N, D) * exp(noise * z)}, z standard normal from {@code seed}.
     */
    static List<ScalingPoint> grid(ToDoubleBiFunction<Double, Double> law, int sizes, double noise, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<ScalingPoint> points = new ArrayList<>();
        for (int i = 0; i < sizes; i++) {
            double n = logSpaced(MIN_PARAMS, MAX_PARAMS, i, sizes);
            for (int j = 0; j < sizes; j++) {
                double d = logSpaced(MIN_TOKENS, MAX_TOKENS, j, sizes);
                double loss = law.applyAsDouble(n, d) * Math.exp(noise * gaussian(random));
                points.add(new ScalingPoint(n, d, loss));
            }
        }
        return points;
    }

    static List<ScalingPoint> grid(ChinchillaLaw law, int sizes, double noise, long seed) {
        return grid(law::loss, sizes, noise, seed);
    }

    static double logSpaced(double from, double to, int index, int count) {
        return from * Math.pow(to / from, (double) index / (count - 1));
    }

    /** Box-Muller, so the stream of normals depends only on SplittableRandom's documented algorithm. */
    static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
    }

    /**
     * Largest difference between an analytic gradient and central differences of absolute step {@code step}
     * at {@code x}, relative to the norm of the analytic gradient (components far below the norm carry only
     * rounding error in the differences).
     */
    static double gradientError(BreezeLbfgs.Objective objective, double[] x, double step) {
        double[] analytic = new double[x.length];
        objective.evaluate(x, analytic);
        double norm = Math.sqrt(Arrays.stream(analytic).map(g -> g * g).sum());
        double worst = 0.0;
        double[] scratch = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            double[] up = x.clone();
            double[] down = x.clone();
            up[k] += step;
            down[k] -= step;
            double numeric = (objective.evaluate(up, scratch) - objective.evaluate(down, scratch)) / (2.0 * step);
            worst = Math.max(worst, Math.abs(numeric - analytic[k]));
        }
        return worst / Math.max(norm, 1e-12);
    }
}
