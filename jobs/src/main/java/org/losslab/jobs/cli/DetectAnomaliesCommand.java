package org.losslab.jobs.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.spark.sql.SparkSession;
import org.losslab.jobs.logs.DetectAnomalies;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code losslab detect-anomalies}: a logs run's network against the test windows, next to the baselines. */
@Command(name = "detect-anomalies", mixinStandardHelpOptions = true,
        description = "Score the test windows of a finished train --task logs run: DeepLog's rule (an event not among"
                + " the model's top-g predictions is abnormal; a window with one is anomalous), the largest surprisal"
                + " per window with a threshold chosen on validation, and the baselines on event-count vectors (PCA"
                + " residual with the Q-statistic; logistic regression when there are labels). Writes log_anomalies"
                + " and anomaly_scores in the run's partition.")
final class DetectAnomaliesCommand extends SparkCommand {

    @Option(names = "--run", required = true, paramLabel = "ID",
            description = "The logs run (train --task logs). Default: none (required).")
    String runId;

    @Option(names = "--top-g", paramLabel = "G", defaultValue = "9",
            description = "An event is normal when it is among the model's G most probable next events."
                    + " Default: ${DEFAULT-VALUE}.")
    int topG;

    @Override
    CommandResult run(SparkSession spark) {
        DetectAnomalies.Result result = new DetectAnomalies(new DetectAnomalies.Options(warehouse(), runId, topG))
                .run(spark);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("run_id", result.runId());
        json.put("systems", result.systems());
        json.put("window", result.window());
        StringBuilder text = new StringBuilder(String.format("Run %s on %s %s windows: %,d test windows, %s%n",
                result.runId(), result.systems(), result.window(), result.testWindows(),
                result.anomalousTestWindows() == null ? "no labels"
                        : String.format("%,d anomalous", result.anomalousTestWindows())));
        text.append(String.format("  %-20s %9s %9s %9s %11s %8s%n", "method", "precision", "recall", "F1", "threshold",
                "flagged"));
        for (DetectAnomalies.MethodScore m : result.methods()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("precision", m.precision());
            one.put("recall", m.recall());
            one.put("f1", m.f1());
            one.put("threshold", JsonValues.of(m.threshold()));
            one.put("flagged", m.flagged());
            if ("model_threshold".equals(m.method())) {
                one.put("validation_f1", result.validationF1());
            }
            json.put(m.method(), one);
            text.append(String.format("  %-20s %9s %9s %9s %11s %8d%n", m.method(), fmt(m.precision()),
                    fmt(m.recall()), fmt(m.f1()), fmt(m.threshold()), m.flagged()));
        }
        if (result.validationF1() != null) {
            text.append(String.format("  (model_threshold: threshold chosen on the validation windows, F1 there %.4f)%n",
                    result.validationF1()));
        }
        json.put("test_windows", result.testWindows());
        json.put("anomalous_test_windows", result.anomalousTestWindows());
        json.put("windows_per_second", Math.round(result.windowsPerSecond()));
        json.put("tables", result.tables());
        result.tables().forEach((name, path) -> text.append(String.format("  %-14s %s%n", name, path)));
        return new CommandResult(text.toString().stripTrailing(), json);
    }

    private static String fmt(Double value) {
        return value == null ? "n/a" : String.format("%.4f", value);
    }
}
