package org.losslab.common.scaling;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bootstrap uncertainty of the Chinchilla parameters, keyed {@code "A", "B", "E", "alpha", "beta"}: standard
 * errors (sample standard deviation of the refitted values) and percentile intervals (80%: 10th to 90th
 * percentile; 95%: 2.5th to 97.5th; linear interpolation between order statistics). Only refits that
 * converged to finite parameters count; {@link #none()} stands for "not bootstrapped".
 *
 * @param resamples resamples drawn
 * @param converged resamples whose refit converged, the ones summarised
 * @param seed seed of the resampling
 */
public record BootstrapSummary(int resamples, int converged, long seed, Map<String, Double> standardErrors,
        Map<String, Interval> interval80, Map<String, Interval> interval95) implements Serializable {
    private static final long serialVersionUID = 1L;

    public BootstrapSummary {
        standardErrors = orderedCopy(standardErrors);
        interval80 = orderedCopy(interval80);
        interval95 = orderedCopy(interval95);
    }

    /** The summary of a fit that was not bootstrapped: no resamples, empty maps. */
    public static BootstrapSummary none() {
        return new BootstrapSummary(0, 0, 0L, Map.of(), Map.of(), Map.of());
    }

    /** Whether this is {@link #none()}. */
    public boolean isEmpty() {
        return resamples == 0;
    }

    /**
     * Summarises converged refits, each {@code values[k]} holding the parameters in the order of
     * {@code names}.
     */
    static BootstrapSummary of(int resamples, long seed, List<String> names, List<double[]> estimates) {
        for (double[] e : estimates) {
            if (!Arrays.stream(e).allMatch(Double::isFinite)) {
                throw new IllegalArgumentException("a bootstrap estimate is not finite: " + Arrays.toString(e));
            }
        }
        if (estimates.size() < 2) {
            throw new IllegalStateException("only " + estimates.size() + " of " + resamples
                    + " bootstrap refits converged; need at least 2 for standard errors");
        }
        Map<String, Double> errors = new LinkedHashMap<>();
        Map<String, Interval> interval80 = new LinkedHashMap<>();
        Map<String, Interval> interval95 = new LinkedHashMap<>();
        for (int p = 0; p < names.size(); p++) {
            double[] sorted = column(estimates, p);
            Arrays.sort(sorted);
            errors.put(names.get(p), standardDeviation(sorted));
            interval80.put(names.get(p), new Interval(percentile(sorted, 0.10), percentile(sorted, 0.90)));
            interval95.put(names.get(p), new Interval(percentile(sorted, 0.025), percentile(sorted, 0.975)));
        }
        return new BootstrapSummary(resamples, estimates.size(), seed, errors, interval80, interval95);
    }

    private static double[] column(List<double[]> rows, int index) {
        double[] column = new double[rows.size()];
        for (int i = 0; i < column.length; i++) {
            column[i] = rows.get(i)[index];
        }
        return column;
    }

    private static double standardDeviation(double[] values) {
        double mean = Arrays.stream(values).average().orElseThrow();
        double squares = 0.0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return Math.sqrt(squares / (values.length - 1));
    }

    /** The {@code q}-quantile of sorted values, interpolating linearly (numpy's default). */
    private static double percentile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    private static <V> Map<String, V> orderedCopy(Map<String, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
