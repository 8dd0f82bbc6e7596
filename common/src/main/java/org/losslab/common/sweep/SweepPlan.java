package org.losslab.common.sweep;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A sweep expanded into runs: the cartesian product of its axes (each an option name with a list of values),
 * every run carrying the fixed options plus one value per axis. Run ids are the sweep id plus a hash of the
 * run's axis values, so the same spec gives the same ids on every rerun (finished runs can be skipped) and
 * reordering the spec's axes changes nothing.
 */
public record SweepPlan(String sweepId, Map<String, String> fixed, Map<String, List<String>> axes,
        List<PlannedRun> runs) {

    /** One run of the sweep: its id, its axis values, and all its options (fixed + axes). */
    public record PlannedRun(String runId, Map<String, String> axisValues, Map<String, String> options) {
    }

    public SweepPlan {
        requireNonNull(sweepId, "sweepId");
        fixed = Map.copyOf(fixed);
        axes = Map.copyOf(axes);
        runs = List.copyOf(runs);
    }

    /**
     * Expands a sweep. Axes are taken in name order so that the run order and ids do not depend on how the spec
     * lists them; an axis may not also be a fixed option, and no axis may be empty.
     */
    public static SweepPlan expand(String sweepId, Map<String, String> fixed, Map<String, List<String>> axes) {
        if (!sweepId.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("Cannot use '" + sweepId + "' as a sweep id: letters, digits, '_', '.'"
                    + " and '-' only");
        }
        TreeMap<String, List<String>> sortedAxes = new TreeMap<>(axes);
        for (Map.Entry<String, List<String>> axis : sortedAxes.entrySet()) {
            if (axis.getValue().isEmpty()) {
                throw new IllegalArgumentException("Sweep " + sweepId + ": axis '" + axis.getKey() + "' has no values");
            }
            if (fixed.containsKey(axis.getKey())) {
                throw new IllegalArgumentException("Sweep " + sweepId + ": '" + axis.getKey()
                        + "' is both a fixed option and an axis");
            }
        }
        List<Map<String, String>> combinations = new ArrayList<>();
        combinations.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<String>> axis : sortedAxes.entrySet()) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> partial : combinations) {
                for (String value : axis.getValue()) {
                    Map<String, String> extended = new LinkedHashMap<>(partial);
                    extended.put(axis.getKey(), value);
                    next.add(extended);
                }
            }
            combinations = next;
        }
        List<PlannedRun> runs = new ArrayList<>();
        for (Map<String, String> values : combinations) {
            Map<String, String> options = new LinkedHashMap<>(fixed);
            options.putAll(values);
            runs.add(new PlannedRun(runId(sweepId, values), Map.copyOf(values), options));
        }
        return new SweepPlan(sweepId, fixed, sortedAxes, runs);
    }

    /** {@code <sweep>-<12 hex of SHA-256 over the sorted axis values>}. */
    static String runId(String sweepId, Map<String, String> axisValues) {
        StringBuilder key = new StringBuilder();
        new TreeMap<>(axisValues).forEach((k, v) -> key.append(k).append('=').append(v).append('\n'));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.toString().getBytes(StandardCharsets.UTF_8));
            return sweepId + "-" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
