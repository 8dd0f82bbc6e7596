package org.losslab.common.runs.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Values of losslab columns gathered by step from records in any order (a later value for the same step and column
 * replaces an earlier one, as TensorBoard shows the last), then the steps in order.
 */
public final class StepTable {
    private final Map<Long, Map<String, Double>> byStep = new TreeMap<>();
    private final Map<Long, Long> wallMs = new TreeMap<>();

    /**
     * Stores a finite value; a NaN or infinite one (a diverged run logs them) is not stored and the caller rejects
     * its record, since one NaN would make every minimum and mean over the run NaN.
     */
    public boolean put(long step, String column, double value) {
        if (!Double.isFinite(value)) {
            return false;
        }
        byStep.computeIfAbsent(step, s -> new java.util.HashMap<>()).put(column, value);
        return true;
    }

    /** A logged number, in Java's spelling or Python's ({@code nan}, {@code inf}, {@code -inf}). */
    public static double number(String text) {
        return switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "nan", "-nan" -> Double.NaN;
            case "inf", "+inf", "infinity" -> Double.POSITIVE_INFINITY;
            case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text.strip());
        };
    }

    /** The reject of a value that is not finite. */
    static ImportReject nonFinite(String file, Long offset, Long line, String column, double value) {
        return new ImportReject(file, offset, line, "non_finite", column + " is " + value);
    }

    /** The wall time of a step, milliseconds since the run's first record (the latest kept). */
    public void wall(long step, long millis) {
        byStep.computeIfAbsent(step, s -> new java.util.HashMap<>());
        wallMs.put(step, millis);
    }

    public boolean isEmpty() {
        return byStep.isEmpty();
    }

    public List<ImportedRun.Step> steps() {
        List<ImportedRun.Step> steps = new ArrayList<>();
        for (Map.Entry<Long, Map<String, Double>> e : byStep.entrySet()) {
            Map<String, Double> v = e.getValue();
            if (v.isEmpty() && !wallMs.containsKey(e.getKey())) {
                continue;
            }
            Double examples = v.get(MetricColumns.EXAMPLES_SEEN);
            Double epoch = v.get(MetricColumns.EPOCH);
            steps.add(new ImportedRun.Step(e.getKey(), v.get(MetricColumns.TRAIN_LOSS), v.get(MetricColumns.VAL_LOSS),
                    v.get(MetricColumns.LEARNING_RATE), examples == null ? null : Math.round(examples),
                    wallMs.get(e.getKey()), v.get(MetricColumns.TRAIN_ACCURACY), v.get(MetricColumns.VAL_ACCURACY),
                    epoch == null ? null : (int) Math.floor(epoch)));
        }
        return steps;
    }
}
