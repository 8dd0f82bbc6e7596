package org.losslab.common.scaling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.losslab.common.train.AnnealingAreas;

/**
 * Fits the learning-rate annealing law {@code L(s) = L0 + A * S1(s)^-alpha - C * S2(s)} (Tissue et al. 2024,
 * "Scaling Law with Learning Rate Annealing") jointly to the per-step losses of one or more runs, and predicts
 * other runs' curves from their schedules alone.
 *
 * <p>The objective is the sum over steps of {@code Huber_delta((L_hat - L) / L)}: relative residuals weigh
 * the high early losses and the low late ones alike (as log residuals would, but they stay defined when a trial
 * {@code L_hat} goes negative during the line search), and the Huber loss keeps the loss spikes of real
 * minibatch curves from pulling the fit. Parameters are {@code (log L0, log A, alpha, C)}, so {@code L0} and
 * {@code A} stay positive. Breeze's L-BFGS runs from a small grid over {@code L0} and {@code alpha}, each start
 * completed by the least-squares {@code A} and {@code C} (the law is linear in them), and the best converged
 * run is kept.
 */
public final class AnnealingLawFit {
    /** Starting {@code L0} as fractions of the lowest fitted loss. */
    private static final double[] FLOOR_FRACTIONS = {0.5, 0.7, 0.9};
    /** Starting exponents. */
    private static final double[] EXPONENTS = {0.25, 0.5, 1.0};

    private AnnealingLawFit() {
    }

    /** Fits the runs with {@link AnnealingOptions#defaults()}. */
    public static AnnealingFitResult fit(List<AnnealingRun> runs) {
        return fit(runs, AnnealingOptions.defaults());
    }

    /** Fits the law jointly to all steps (after {@code skipSteps} per run) of {@code runs}. */
    public static AnnealingFitResult fit(List<AnnealingRun> runs, AnnealingOptions options) {
        Objects.requireNonNull(options, "options");
        AnnealingObjective objective = objective(List.copyOf(runs), options);
        List<double[]> starts = starts(objective);
        BreezeLbfgs.Minimum[] fits = starts.stream()
                .parallel()
                .map(start -> BreezeLbfgs.minimize(objective, start, options.optimizer()))
                .toArray(BreezeLbfgs.Minimum[]::new);
        BreezeLbfgs.Minimum best = null;
        int converged = 0;
        for (BreezeLbfgs.Minimum run : fits) {
            if (run.converged()) {
                converged++;
                if (best == null || run.value() < best.value()) {
                    best = run;
                }
            }
        }
        if (best == null) {
            throw new IllegalStateException("none of the " + starts.size() + " annealing-law starts converged");
        }
        double[] theta = best.x();
        AnnealingLaw law = new AnnealingLaw(Math.exp(theta[0]), Math.exp(theta[1]), theta[2], theta[3],
                options.lambda());
        return new AnnealingFitResult(law, best.value(), objective.size(), starts.size(), converged);
    }

    /** Predicts {@code run}'s whole curve from its learning rates and compares it with its losses. */
    public static AnnealingPrediction predict(AnnealingLaw law, AnnealingRun run) {
        return AnnealingPrediction.compare(law.predict(run.sharedLearningRates()), run.losses());
    }

    private static AnnealingObjective objective(List<AnnealingRun> runs, AnnealingOptions options) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("need at least one run");
        }
        List<double[]> rows = new ArrayList<>();
        for (int r = 0; r < runs.size(); r++) {
            AnnealingRun run = runs.get(r);
            AnnealingAreas areas = AnnealingAreas.of(run.sharedLearningRates(), options.lambda());
            for (int s = options.skipSteps(); s < run.steps(); s++) {
                double forward = areas.forwardArea(s);
                if (!(forward > 0.0)) {
                    throw new IllegalArgumentException("run " + r + " has forward area " + forward + " at step " + s
                            + "; S1^-alpha needs S1 > 0 (start the run after a zero learning rate or skip steps)");
                }
                rows.add(new double[] {Math.log(forward), areas.annealingArea(s), run.loss(s)});
            }
        }
        if (rows.size() < AnnealingObjective.DIMENSION) {
            throw new IllegalArgumentException("need at least " + AnnealingObjective.DIMENSION
                    + " fitted steps, got " + rows.size());
        }
        return new AnnealingObjective(column(rows, 0), column(rows, 1), column(rows, 2), options.huberDelta());
    }

    /** For each starting {@code (L0, alpha)}, the start {@code (log L0, log A, alpha, C)}. */
    private static List<double[]> starts(AnnealingObjective objective) {
        double lowest = Arrays.stream(objective.losses()).min().orElseThrow();
        List<double[]> starts = new ArrayList<>();
        for (double fraction : FLOOR_FRACTIONS) {
            for (double alpha : EXPONENTS) {
                double floor = fraction * lowest;
                double[] linear = linearCoefficients(objective, floor, alpha);
                double coefficient = Math.max(linear[0], 1e-6 * floor);
                starts.add(new double[] {Math.log(floor), Math.log(coefficient), alpha, linear[1]});
            }
        }
        return starts;
    }

    /**
     * {@code (A, C)} minimising {@code sum ((L0 + A S1^-alpha - C S2 - L) / L)^2} for fixed {@code L0, alpha};
     * {@code C = 0} when the runs have no annealing area to fit it on (constant schedules only).
     */
    private static double[] linearCoefficients(AnnealingObjective objective, double floor, double alpha) {
        double pp = 0.0;
        double pq = 0.0;
        double qq = 0.0;
        double pt = 0.0;
        double qt = 0.0;
        for (int i = 0; i < objective.size(); i++) {
            double loss = objective.losses()[i];
            double p = Math.exp(-alpha * objective.logForward()[i]) / loss;
            double q = -objective.annealing()[i] / loss;
            double t = (loss - floor) / loss;
            pp += p * p;
            pq += p * q;
            qq += q * q;
            pt += p * t;
            qt += q * t;
        }
        double determinant = pp * qq - pq * pq;
        if (!(determinant > 1e-12 * pp * qq)) {
            return new double[] {pt / pp, 0.0};
        }
        return new double[] {(pt * qq - qt * pq) / determinant, (qt * pp - pt * pq) / determinant};
    }

    private static double[] column(List<double[]> rows, int index) {
        double[] column = new double[rows.size()];
        for (int i = 0; i < column.length; i++) {
            column[i] = rows.get(i)[index];
        }
        return column;
    }
}
