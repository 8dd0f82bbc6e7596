package org.losslab.common.runs.imports;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A training run read from another framework's log: where it came from ({@code format}, {@code source}: the file or
 * folder), the framework's own id and name for it, whether it finished or is still being written, what the log
 * says of its hyperparameters, its parameter count where the log gives one, its start and end, its steps in
 * losslab's column meanings, the last value of every metric it logged (mapped or not: a logged parameter count
 * can be named by {@code --params-from}), how many records its source held ({@code records}: event records,
 * metric lines, log entries or CSV rows, the rejected ones included) and the records that could not be read. {@link #runId()} is stable: the same source
 * and framework run id give the same id, so re-ingesting replaces the run.
 */
public record ImportedRun(String format, String source, String frameworkRunId, String name, String status,
        Map<String, String> hyperparameters, Long params, Long startedAtMillis, Long endedAtMillis, List<Step> steps,
        Map<String, Double> lastValues, long records, List<ImportReject> rejects) implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String FINISHED = "finished";
    public static final String RUNNING = "running";
    public static final String FAILED = "failed";

    public ImportedRun {
        hyperparameters = Map.copyOf(hyperparameters);
        steps = List.copyOf(steps);
        lastValues = Map.copyOf(lastValues);
        rejects = List.copyOf(rejects);
    }

    /**
     * One step: the training loss, validation loss, learning rate, examples seen so far, milliseconds since the
     * run's first record, train and validation accuracy and epoch, each null where the log has none at this step.
     */
    public record Step(long step, Double trainLoss, Double valLoss, Double learningRate, Long examplesSeen,
            Long wallMs, Double trainAccuracy, Double valAccuracy, Integer epoch) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** {@code imp-} and 16 hex digits of SHA-256 over the format, the source and the framework's run id. */
    public String runId() {
        return runId(format, source, frameworkRunId);
    }

    public static String runId(String format, String source, String frameworkRunId) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest((format + "\n" + source + "\n"
                    + (frameworkRunId == null ? "" : frameworkRunId)).getBytes(StandardCharsets.UTF_8));
            return "imp-" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same run with its parameter count and hyperparameters completed by the caller's options. */
    public ImportedRun with(Long newParams, Map<String, String> newHyperparameters, List<Step> newSteps) {
        return new ImportedRun(format, source, frameworkRunId, name, status, newHyperparameters, newParams,
                startedAtMillis, endedAtMillis, newSteps, lastValues, records, rejects);
    }
}
