package org.losslab.jobs.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.SparkSession;
import org.losslab.jobs.imports.IngestRuns;
import org.losslab.jobs.imports.RunSources;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code losslab ingest-runs}: other frameworks' training logs into the run tables. */
@Command(name = "ingest-runs", mixinStandardHelpOptions = true,
        description = "Read training runs logged by other frameworks into runs and run_metrics (bad records into"
                + " run_import_rejects), so that aggregate, fit-scaling, grokking and report work on them. Each run"
                + " replaces its own rows: ingesting the same logs again changes nothing.")
final class IngestRunsCommand extends SparkCommand {

    @Option(names = "--format", required = true, paramLabel = "FORMAT",
            description = "tensorboard (events.out.tfevents.* per folder), mlflow (mlruns run folders), hf-trainer"
                    + " (trainer_state.json, config.json beside it), lightning-csv (metrics.csv, hparams.yaml), csv"
                    + " (long: run,step,metric,value or wide: run,step,<metric>...). Default: none (required).")
    String format;

    @Option(names = "--input", required = true, split = ",", paramLabel = "PATH",
            description = "Files or folders (read recursively), local or any Hadoop file system; comma-separated."
                    + " Default: none (required).")
    List<String> inputs;

    @Option(names = "--sweep-id", paramLabel = "ID", description = "Record the runs as one sweep (for aggregate"
            + " and fit-scaling). Default: none.")
    String sweepId;

    @Option(names = "--param-count", paramLabel = "N", description = "The parameter count N of every run, where"
            + " the logs do not give it. Default: from the log (Hugging Face config.json) or none.")
    Long paramCount;

    @Option(names = "--params-from", paramLabel = "KEY", description = "Take N from this hyperparameter, or from"
            + " the last value of the metric of this name. Default: none.")
    String paramsFrom;

    @Option(names = "--examples-per-step", paramLabel = "N", description = "Examples (or tokens) per optimizer step,"
            + " so that examples_seen = step x N where the log has none. Default: none.")
    Long examplesPerStep;

    @Option(names = "--examples-from", paramLabel = "KEY", description = "Examples per step from this hyperparameter"
            + " or metric (e.g. a batch size). Default: none.")
    String examplesFrom;

    @Option(names = "--map", paramLabel = "COLUMN=NAME[|NAME]", description = "Which logged names fill a column"
            + " (train_loss, val_loss, learning_rate, examples_seen, train_accuracy, val_accuracy, epoch);"
            + " repeatable. Default: the common names, e.g. train/loss, loss, eval/loss, val_loss, lr.")
    List<String> map = new ArrayList<>();

    @Option(names = "--run-col", paramLabel = "NAME", description = "csv: the run id column. Default: run_id, run"
            + " or run_name if present, else one run per file.")
    String runColumn;

    @Option(names = "--step-col", paramLabel = "NAME", description = "csv: the step column. Default: step,"
            + " global_step or iteration.")
    String stepColumn;

    @Override
    CommandResult run(SparkSession spark) {
        IngestRuns.Result result = new IngestRuns(new IngestRuns.Options(warehouse(), RunSources.Format.parse(format),
                inputs, sweepId, paramCount, paramsFrom, examplesPerStep, examplesFrom, map, runColumn, stepColumn))
                .run(spark);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sources", result.sources());
        json.put("runs", result.runs().stream().map(r -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("run_id", r.runId());
            one.put("name", r.name());
            one.put("source", r.source());
            one.put("status", r.status());
            one.put("steps", r.steps());
            one.put("params", r.params());
            one.put("examples_seen", r.examplesSeen());
            one.put("records", r.records());
            one.put("rejected", r.rejected());
            return one;
        }).toList());
        json.put("steps", result.steps());
        json.put("records", result.records());
        json.put("rejected", result.rejected());
        json.put("rejects_by_reason", result.rejectsByReason());
        json.put("tables", result.tables());
        StringBuilder text = new StringBuilder(String.format("%d %s sources: %d runs, %,d steps from %,d records,"
                + " %,d rejected%s%n", result.sources(), format, result.runs().size(), result.steps(), result.records(),
                result.rejected(),
                result.rejectsByReason().isEmpty() ? "" : " " + result.rejectsByReason()));
        for (IngestRuns.Imported r : result.runs()) {
            text.append(String.format("  %s  %-10s %6d steps  N %s  %s%n", r.runId(), r.status(), r.steps(),
                    r.params() == null ? "?" : String.format("%,d", r.params()), r.source()));
        }
        result.tables().forEach((name, path) -> text.append(String.format("  %-18s %s%n", name, path)));
        return new CommandResult(text.toString().stripTrailing(), json);
    }
}
