package org.losslab.jobs.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.spark.sql.SparkSession;
import org.losslab.jobs.bench.IngestRunsBenchmark;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code losslab bench ingest-runs}: TensorBoard ingest next to a plain read of the same bytes. */
@Command(name = "ingest-runs", mixinStandardHelpOptions = true,
        description = "Write TensorBoard event files, then time ingest-runs on them next to a plain Spark read of the"
                + " same bytes, alternating; print the ratio (median and range) and records/s per core.")
final class BenchIngestRunsCommand extends SparkCommand {

    @Option(names = "--runs", defaultValue = "100", paramLabel = "N", description = "Default: ${DEFAULT-VALUE}.")
    int runs;

    @Option(names = "--steps", defaultValue = "2000", paramLabel = "N",
            description = "Steps per run, three scalars each. Default: ${DEFAULT-VALUE}.")
    int steps;

    @Option(names = "--repetitions", defaultValue = "3", paramLabel = "N", description = "Default: ${DEFAULT-VALUE}.")
    int repetitions;

    @Option(names = "--work-dir", defaultValue = "./work/bench-ingest-runs", paramLabel = "DIR",
            description = "Scratch folder for the event files and a warehouse. Default: ${DEFAULT-VALUE}.")
    Path workDir;

    @Override
    CommandResult run(SparkSession spark) {
        IngestRunsBenchmark.Result result = new IngestRunsBenchmark(new IngestRunsBenchmark.Options(runs, steps,
                repetitions, workDir.toAbsolutePath())).run(spark);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("records", result.records());
        json.put("bytes", result.bytes());
        json.put("read_seconds", result.read());
        json.put("ingest_seconds", result.ingest());
        json.put("ratios", result.ratios());
        json.put("records_per_second_per_core", Math.round(result.recordsPerSecondPerCore()));
        return new CommandResult(IngestRunsBenchmark.report(result), json);
    }
}
