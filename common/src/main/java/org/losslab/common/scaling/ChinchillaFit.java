package org.losslab.common.scaling;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Fits the Chinchilla law {@code L(N, D) = E + A / N^alpha + B / D^beta} as Hoffmann et al. (2022) did:
 * minimise {@code sum Huber_1e-3(LSE(a - alpha log N, b - beta log D, e) - log L)} over
 * {@code (a, b, e, alpha, beta)} with L-BFGS (Breeze's) from every point of a start grid, in parallel, and keep
 * the best converged run; {@code A = exp(a)}, {@code B = exp(b)}, {@code E = exp(e)}.
 *
 * <p>Points that do not pin down all five parameters (a six-run sweep whose loss hardly moves with D, say) leave
 * a flat valley: runs end anywhere along it, from {@code B = 1e49} to {@code B = e^8833}, with objectives equal
 * to 1e-12. Which of them is lowest is then decided by rounding, and can be one whose {@code B} overflows to
 * infinity. So runs within {@link #TIE_TOLERANCE} of the lowest objective count as equally good and the one
 * nearest the origin in {@code (a, b, e, alpha, beta)} is kept: the least extreme law the data cannot tell
 * from the best. The points are fitted in a fixed order (by N, D, loss), so the same points give the same fit
 * whatever order they come in; rounding in the objective's sum would otherwise pick different runs.
 *
 * <p>The optional bootstrap resamples the points with replacement and refits each resample, in parallel, from
 * the full-data optimum: refits started from a poor grid point can end at a distant local optimum with huge
 * {@code A} or {@code B}, which would inflate the spread. Each resample's indices come from its own seed, drawn
 * in order from the options' seed, so the summary does not depend on thread scheduling.
 */
public final class ChinchillaFit {
    /** Huber threshold of the objective, Hoffmann et al.'s value. */
    public static final double HUBER_DELTA = 1e-3;

    /**
     * Relative objective gap within which two converged runs are equally good. L-BFGS stops when the objective
     * moves by less than 1e-12 of it (see {@link OptimizerSettings}), so runs into the same minimum agree to
     * about that; distinct minima of the objectives seen differ by far more than 1e-9.
     */
    static final double TIE_TOLERANCE = 1e-9;

    /** Parameter names, the keys of the bootstrap maps. */
    public static final List<String> PARAMETERS = List.of("A", "B", "E", "alpha", "beta");

    private ChinchillaFit() {
    }

    /** Fits with {@link ChinchillaOptions#defaults()}: the 4,500-start grid, no bootstrap. */
    public static ChinchillaResult fit(List<ScalingPoint> points) {
        return fit(points, ChinchillaOptions.defaults());
    }

    /** Fits the points with the given options. */
    public static ChinchillaResult fit(List<ScalingPoint> points, ChinchillaOptions options) {
        Objects.requireNonNull(options, "options");
        List<ScalingPoint> used = withoutHighestLosses(points, options.excludeHighestLoss());
        ChinchillaObjective objective = ChinchillaObjective.of(used, HUBER_DELTA);
        List<double[]> starts = options.grid().starts();
        BreezeLbfgs.Minimum[] runs = IntStream.range(0, starts.size())
                .parallel()
                .mapToObj(i -> BreezeLbfgs.minimize(objective, starts.get(i), options.optimizer()))
                .toArray(BreezeLbfgs.Minimum[]::new);
        BreezeLbfgs.Minimum best = bestConverged(runs);
        BootstrapSummary bootstrap = options.bootstrapResamples() == 0
                ? BootstrapSummary.none()
                : bootstrap(objective, best.x(), options);
        return new ChinchillaResult(law(best.x()), best.value(), used.size(), starts.size(),
                convergedCount(runs), bootstrap);
    }

    /**
     * The Huber objective of {@code law} on {@code points}, as {@link ChinchillaResult#objective()} reports it;
     * {@code A}, {@code B} and {@code E} must be positive.
     */
    public static double objective(List<ScalingPoint> points, ChinchillaLaw law) {
        double[] theta = {Math.log(law.A()), Math.log(law.B()), Math.log(law.E()), law.alpha(), law.beta()};
        return ChinchillaObjective.of(List.copyOf(points), HUBER_DELTA).value(theta);
    }

    /** The points less the {@code exclude} highest losses, ordered by N, D and loss. */
    private static List<ScalingPoint> withoutHighestLosses(List<ScalingPoint> points, int exclude) {
        List<ScalingPoint> copy = points.stream()
                .sorted(Comparator.comparingDouble(ScalingPoint::n)
                        .thenComparingDouble(ScalingPoint::d)
                        .thenComparingDouble(ScalingPoint::loss))
                .toList();
        if (copy.size() - exclude < ChinchillaObjective.DIMENSION) {
            throw new IllegalArgumentException("need at least " + ChinchillaObjective.DIMENSION
                    + " points after excluding " + exclude + ", got " + copy.size());
        }
        Set<Integer> highest = IntStream.range(0, copy.size())
                .boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> copy.get(i).loss()).reversed())
                .limit(exclude)
                .collect(Collectors.toSet());
        return IntStream.range(0, copy.size())
                .filter(i -> !highest.contains(i))
                .mapToObj(copy::get)
                .toList();
    }

    /**
     * Among converged runs whose law is finite, the one nearest the origin of those within {@link #TIE_TOLERANCE}
     * of the lowest objective; remaining ties go to the earlier start, so the pick is deterministic.
     */
    static BreezeLbfgs.Minimum bestConverged(BreezeLbfgs.Minimum[] runs) {
        double lowest = Double.POSITIVE_INFINITY;
        int usable = 0;
        for (BreezeLbfgs.Minimum run : runs) {
            if (usable(run)) {
                lowest = Math.min(lowest, run.value());
                usable++;
            }
        }
        if (usable == 0) {
            throw new IllegalStateException("none of the " + runs.length + " L-BFGS starts converged to a finite law");
        }
        double bound = lowest + TIE_TOLERANCE * Math.abs(lowest);
        BreezeLbfgs.Minimum best = null;
        for (BreezeLbfgs.Minimum run : runs) {
            if (usable(run) && run.value() <= bound && (best == null || squaredNorm(run.x()) < squaredNorm(best.x()))) {
                best = run;
            }
        }
        return best;
    }

    /** Converged, and {@code exp} of a, b and e stays finite: a law with an infinite coefficient cannot be used. */
    private static boolean usable(BreezeLbfgs.Minimum run) {
        if (!run.converged()) {
            return false;
        }
        ChinchillaLaw law = law(run.x());
        return Double.isFinite(law.A()) && Double.isFinite(law.B()) && Double.isFinite(law.E());
    }

    private static double squaredNorm(double[] x) {
        double sum = 0.0;
        for (double v : x) {
            sum += v * v;
        }
        return sum;
    }

    private static int convergedCount(BreezeLbfgs.Minimum[] runs) {
        int count = 0;
        for (BreezeLbfgs.Minimum run : runs) {
            if (run.converged()) {
                count++;
            }
        }
        return count;
    }

    private static BootstrapSummary bootstrap(ChinchillaObjective objective, double[] optimum,
            ChinchillaOptions options) {
        int resamples = options.bootstrapResamples();
        long[] seeds = new SplittableRandom(options.bootstrapSeed()).longs(resamples).toArray();
        double[][] refits = IntStream.range(0, resamples)
                .parallel()
                .mapToObj(r -> refit(objective.resample(resampleRows(objective.size(), seeds[r])), optimum,
                        options.optimizer()))
                .toArray(double[][]::new);
        return BootstrapSummary.of(resamples, options.bootstrapSeed(), PARAMETERS, summarisable(refits));
    }

    /**
     * The refits that converged (null: did not) to finite parameters: one that ran off to an infinite A or B (a
     * degenerate resample of a few points, seen on a six-run sweep) has no value an interval can be taken over.
     */
    static List<double[]> summarisable(double[][] refits) {
        List<double[]> kept = new ArrayList<>();
        for (double[] parameters : refits) {
            if (parameters != null && java.util.Arrays.stream(parameters).allMatch(Double::isFinite)) {
                kept.add(parameters);
            }
        }
        return kept;
    }

    private static int[] resampleRows(int size, long seed) {
        return new SplittableRandom(seed).ints(size, 0, size).toArray();
    }

    /** The refit's {@code {A, B, E, alpha, beta}}, or null when it did not converge. */
    private static double[] refit(ChinchillaObjective resampled, double[] start, OptimizerSettings settings) {
        BreezeLbfgs.Minimum run = BreezeLbfgs.minimize(resampled, start, settings);
        if (!run.converged()) {
            return null;
        }
        ChinchillaLaw law = law(run.x());
        return new double[] {law.A(), law.B(), law.E(), law.alpha(), law.beta()};
    }

    private static ChinchillaLaw law(double[] theta) {
        return new ChinchillaLaw(Math.exp(theta[2]), Math.exp(theta[0]), Math.exp(theta[1]), theta[3], theta[4]);
    }
}
