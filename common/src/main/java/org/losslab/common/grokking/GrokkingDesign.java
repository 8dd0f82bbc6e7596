package org.losslab.common.grokking;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The design matrix of the grokking regression: one row per run, the response on a log scale and the
 * hyperparameters as named columns.
 * <ul>
 *   <li>Response {@code log_delay}: {@code ln(1 + delay)} (a delay can be 0 when both thresholds are first met at
 *       the same evaluation); {@code log_generalization_step}: {@code ln(generalization step)}.</li>
 *   <li>Columns: {@code log_weight_decay} ({@code ln wd}, 0 where wd = 0) with a {@code no_weight_decay}
 *       indicator when some runs have none, {@code train_fraction}, {@code log_width}, {@code stablemax}
 *       (1 for the StableMax output). A column constant over the rows used is dropped and named in
 *       {@link #dropped}, since its coefficient is not identified.</li>
 *   <li>Runs that never grokked (no generalisation step within the budget) are right-censored. {@code exclude}
 *       leaves them out (unbiased only if not grokking is unrelated to the hyperparameters, which it is not);
 *       {@code at-budget} uses the budget as their value (a lower bound, which pulls effects toward zero).
 *       Either way they are counted and named.</li>
 * </ul>
 */
public record GrokkingDesign(String response, String censoring, List<String> columns, List<String> dropped,
        List<String> runIds, double[][] x, double[] y, List<String> censoredRuns, List<String> excludedRuns) {

    public static final List<String> RESPONSES = List.of("log_delay", "log_generalization_step");
    public static final List<String> CENSORING = List.of("exclude", "at-budget");

    /** One run's hyperparameters and grokking metrics. */
    public record Run(String runId, double weightDecay, double trainFraction, int width, String outputActivation,
            GrokkingMetrics metrics) {
    }

    public static GrokkingDesign of(List<Run> runs, String response, String censoring) {
        if (!RESPONSES.contains(response)) {
            throw new IllegalArgumentException("Unknown response '" + response + "': use " + RESPONSES);
        }
        if (!CENSORING.contains(censoring)) {
            throw new IllegalArgumentException("Unknown censoring '" + censoring + "': use " + CENSORING);
        }
        List<Run> used = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        List<String> censored = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        for (Run run : runs) {
            GrokkingMetrics m = run.metrics();
            Double value;
            if (m.grokked()) {
                value = "log_delay".equals(response)
                        ? (m.delay() == null ? null : Math.log1p(Math.max(0, m.delay())))
                        : Math.log(Math.max(1, m.generalizationStep()));
            } else {
                censored.add(run.runId());
                if ("exclude".equals(censoring)) {
                    excluded.add(run.runId());
                    continue;
                }
                long start = m.memorizationStep() == null ? 0 : m.memorizationStep();
                value = "log_delay".equals(response) ? Math.log1p(Math.max(0, m.budgetSteps() - start))
                        : Math.log(Math.max(1, m.budgetSteps()));
            }
            if (value == null) { // generalised without ever memorising: no delay is defined
                excluded.add(run.runId());
                continue;
            }
            used.add(run);
            y.add(value);
        }
        boolean someWithoutDecay = used.stream().anyMatch(r -> r.weightDecay() <= 0);
        List<String> candidates = new ArrayList<>(List.of("log_weight_decay", "train_fraction", "log_width",
                "stablemax"));
        if (someWithoutDecay) {
            candidates.add(1, "no_weight_decay");
        }
        List<String> columns = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        for (String column : candidates) {
            double[] v = used.stream().mapToDouble(r -> value(r, column)).toArray();
            if (constant(v)) {
                dropped.add(column);
            } else {
                columns.add(column);
                values.add(v);
            }
        }
        if (used.size() < columns.size() + 2) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "Cannot regress %s on %s: %d usable runs"
                    + " (%d never grokked, censoring %s) but at least %d are needed", response, columns, used.size(),
                    censored.size(), censoring, columns.size() + 2));
        }
        double[][] x = new double[used.size()][columns.size()];
        for (int j = 0; j < columns.size(); j++) {
            for (int i = 0; i < used.size(); i++) {
                x[i][j] = values.get(j)[i];
            }
        }
        return new GrokkingDesign(response, censoring, List.copyOf(columns), List.copyOf(dropped),
                used.stream().map(Run::runId).toList(), x, y.stream().mapToDouble(Double::doubleValue).toArray(),
                List.copyOf(censored), List.copyOf(excluded));
    }

    private static double value(Run run, String column) {
        return switch (column) {
            case "log_weight_decay" -> run.weightDecay() > 0 ? Math.log(run.weightDecay()) : 0;
            case "no_weight_decay" -> run.weightDecay() > 0 ? 0 : 1;
            case "train_fraction" -> run.trainFraction();
            case "log_width" -> Math.log(run.width());
            case "stablemax" -> "stablemax".equalsIgnoreCase(run.outputActivation()) ? 1 : 0;
            default -> throw new IllegalStateException(column);
        };
    }

    private static boolean constant(double[] v) {
        for (double d : v) {
            if (Math.abs(d - v[0]) > 1e-12) {
                return false;
            }
        }
        return true;
    }
}
