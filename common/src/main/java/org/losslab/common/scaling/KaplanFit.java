package org.losslab.common.scaling;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * Kaplan et al. (2020) single-variable power laws {@code L(N) = (N_c / N)^alpha_N} and
 * {@code L(D) = (D_c / D)^alpha_D}, optionally plus an irreducible loss {@code E}, fitted on the frontier: for
 * {@code L(N)} the lowest loss at each distinct {@code N} over all {@code D} (the model trained long enough
 * not to be data-limited), and the same for {@code D}. The fit is least squares of {@code log L} with Breeze's
 * L-BFGS: log residuals weigh every decade of {@code x} alike, and a frontier has no outliers to guard against.
 * The fit without {@code E} starts from the ordinary least-squares line of {@code log L} on {@code log x}; the
 * fit with {@code E} starts from that line fitted to {@code log(L - E)} for several {@code E} below the lowest
 * loss, and keeps the best converged run.
 */
public final class KaplanFit {
    /** The variable of a single-variable law. */
    public enum Variable {
        /** Parameters, {@code L(N)}. */
        PARAMS(ScalingPoint::n),
        /** Training tokens, {@code L(D)}. */
        TOKENS(ScalingPoint::d);

        private final ToDoubleFunction<ScalingPoint> value;

        Variable(ToDoubleFunction<ScalingPoint> value) {
            this.value = value;
        }

        /** This variable of a point. */
        public double of(ScalingPoint point) {
            return value.applyAsDouble(point);
        }
    }

    /** Starting values of {@code E} for the fit with an irreducible term, as fractions of the lowest loss. */
    private static final double[] FLOOR_FRACTIONS = {0.1, 0.3, 0.5, 0.7, 0.9};

    private KaplanFit() {
    }

    /** Fits {@code L(x)} on the frontier of {@code points} with {@link OptimizerSettings#defaults()}. */
    public static KaplanResult fit(List<ScalingPoint> points, Variable variable, boolean withIrreducible) {
        return fit(points, variable, withIrreducible, OptimizerSettings.defaults());
    }

    /** Fits {@code L(x)} on the frontier of {@code points}. */
    public static KaplanResult fit(List<ScalingPoint> points, Variable variable, boolean withIrreducible,
            OptimizerSettings settings) {
        Objects.requireNonNull(settings, "settings");
        List<ScalingPoint> frontier = frontier(points, variable);
        int needed = withIrreducible ? 4 : 3;
        if (frontier.size() < needed) {
            throw new IllegalArgumentException("need at least " + needed + " distinct " + variable
                    + " values, got " + frontier.size());
        }
        double[] logX = new double[frontier.size()];
        double[] logLoss = new double[frontier.size()];
        for (int i = 0; i < logX.length; i++) {
            logX[i] = Math.log(variable.of(frontier.get(i)));
            logLoss[i] = Math.log(frontier.get(i).loss());
        }
        double meanLogX = mean(logX);
        double[] centred = new double[logX.length];
        for (int i = 0; i < logX.length; i++) {
            centred[i] = logX[i] - meanLogX;
        }
        KaplanObjective objective = new KaplanObjective(centred, logLoss, withIrreducible);
        BreezeLbfgs.Minimum best = null;
        for (double[] start : starts(centred, frontier, withIrreducible)) {
            BreezeLbfgs.Minimum run = BreezeLbfgs.minimize(objective, start, settings);
            if (run.converged() && (best == null || run.value() < best.value())) {
                best = run;
            }
        }
        if (best == null) {
            throw new IllegalStateException("the " + variable + " power-law fit did not converge from any start");
        }
        double k = best.x()[0];
        double exponent = best.x()[1];
        double irreducible = withIrreducible ? Math.exp(best.x()[2]) : 0.0;
        return new KaplanResult(variable, Math.exp(k / exponent + meanLogX), exponent, irreducible, best.value(),
                frontier.size());
    }

    /** The lowest-loss point at each distinct value of {@code variable}, in increasing order of that value. */
    public static List<ScalingPoint> frontier(List<ScalingPoint> points, Variable variable) {
        Map<Double, ScalingPoint> lowest = new TreeMap<>();
        for (ScalingPoint p : points) {
            lowest.merge(variable.of(p), p, (a, b) -> b.loss() < a.loss() ? b : a);
        }
        return List.copyOf(lowest.values());
    }

    private static List<double[]> starts(double[] centred, List<ScalingPoint> frontier, boolean withIrreducible) {
        List<double[]> starts = new ArrayList<>();
        if (!withIrreducible) {
            starts.add(logLine(centred, frontier, 0.0));
            return starts;
        }
        double lowest = frontier.stream().mapToDouble(ScalingPoint::loss).min().orElseThrow();
        for (double fraction : FLOOR_FRACTIONS) {
            double floor = fraction * lowest;
            double[] line = logLine(centred, frontier, floor);
            starts.add(new double[] {line[0], line[1], Math.log(floor)});
        }
        return starts;
    }

    /** {@code (k, alpha)} of the least-squares line {@code log(L - floor) = k - alpha u}. */
    private static double[] logLine(double[] centred, List<ScalingPoint> frontier, double floor) {
        double[] y = new double[centred.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.log(frontier.get(i).loss() - floor);
        }
        double meanY = mean(y);
        double covariance = 0.0;
        double variance = 0.0;
        for (int i = 0; i < y.length; i++) {
            covariance += centred[i] * (y[i] - meanY);
            variance += centred[i] * centred[i];
        }
        return new double[] {meanY, -covariance / variance};
    }

    private static double mean(double[] values) {
        double sum = 0.0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }
}
