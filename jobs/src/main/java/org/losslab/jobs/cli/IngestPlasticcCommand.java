package org.losslab.jobs.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.SparkSession;
import org.losslab.jobs.plasticc.IngestPlasticc;
import org.losslab.jobs.plasticc.IngestPlasticc.TableCounts;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code losslab ingest-plasticc}: PLAsTiCC CSV/Parquet into the plasticc_* tables. */
@Command(name = "ingest-plasticc", mixinStandardHelpOptions = true,
        description = "Validate PLAsTiCC observations and metadata (CSV or Parquet, Kaggle or unblinded Zenodo"
                + " layout) into plasticc_observations, plasticc_objects and plasticc_rejects. Replaces the"
                + " tables whole; a failed run leaves the previous ones.")
final class IngestPlasticcCommand extends SparkCommand {

    @Option(names = "--observations", required = true, split = ",", paramLabel = "PATH",
            description = "Observation files, folders or globs (comma-separated or repeated), e.g."
                    + " training_set.csv. Default: none (required).")
    List<String> observations;

    @Option(names = "--metadata", required = true, split = ",", paramLabel = "PATH",
            description = "Metadata files, folders or globs, e.g. training_set_metadata.csv. Default: none"
                    + " (required).")
    List<String> metadata;

    @Override
    CommandResult run(SparkSession spark) {
        IngestPlasticc.Result result = new IngestPlasticc(new IngestPlasticc.Options(warehouse(), observations,
                metadata)).run(spark);
        return new CommandResult(summary(result), json(result));
    }

    static Map<String, Object> json(IngestPlasticc.Result result) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("observations", counts(result.observations()));
        json.put("objects", counts(result.objects()));
        Map<String, Long> byClass = new LinkedHashMap<>();
        result.objectsByClass().forEach((target, count) -> byClass.put(target == null ? "none" : target.toString(),
                count));
        json.put("objects_by_class", byClass);
        json.put("layouts", Map.of("observations", result.observationLayouts(), "metadata",
                result.metadataLayouts()));
        json.put("tables", result.tables());
        return json;
    }

    private static Map<String, Object> counts(TableCounts counts) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rows_in", counts.rowsIn());
        json.put("rows_written", counts.rowsWritten());
        json.put("rows_rejected", counts.rowsRejected());
        json.put("rejects_by_reason", counts.rejectsByReason());
        return json;
    }

    static String summary(IngestPlasticc.Result result) {
        StringBuilder text = new StringBuilder();
        text.append(String.format("Ingested PLAsTiCC (%s observations, %s metadata)%n",
                String.join("/", result.observationLayouts()), String.join("/", result.metadataLayouts())));
        text.append(line("observations", result.observations()));
        text.append(line("objects", result.objects()));
        text.append("  objects by class:");
        result.objectsByClass().forEach((target, count) ->
                text.append(' ').append(target == null ? "none" : target).append('=').append(count));
        text.append(System.lineSeparator());
        result.tables().forEach((name, path) -> text.append(String.format("  %-22s %s%n", name, path)));
        return text.toString().stripTrailing();
    }

    private static String line(String label, TableCounts counts) {
        String reasons = counts.rejectsByReason().isEmpty() ? "" : " " + counts.rejectsByReason();
        return String.format("  %-13s %,d in = %,d written + %,d rejected%s%n", label, counts.rowsIn(),
                counts.rowsWritten(), counts.rowsRejected(), reasons);
    }
}
