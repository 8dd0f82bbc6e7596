package org.losslab.jobs.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.SparkSession;
import org.losslab.jobs.bench.IngestPlasticcBenchmark;
import org.losslab.jobs.bench.IngestPlasticcBenchmark.Run;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code losslab bench ingest-plasticc}: the ingest's rows/s against plain Spark CSV to Parquet. */
@Command(name = "ingest-plasticc", mixinStandardHelpOptions = true,
        description = "Ingest throughput next to plain Spark reading the same CSV with a fixed schema and"
                + " writing Parquet, as a ratio in one run.")
final class BenchIngestPlasticcCommand extends SparkCommand {

    @Option(names = "--observations", required = true, paramLabel = "CSV",
            description = "Observations CSV (e.g. from simulate-plasticc). Default: none (required).")
    String observations;

    @Option(names = "--metadata", required = true, paramLabel = "CSV",
            description = "Metadata CSV of the same objects. Default: none (required).")
    String metadata;

    @Option(names = "--work-dir", paramLabel = "DIR", defaultValue = "./work/bench",
            description = "Scratch folder for the outputs (deleted after each run). Default: ${DEFAULT-VALUE}.")
    Path workDir;

    @Option(names = "--repetitions", paramLabel = "N", defaultValue = "2",
            description = "Timed runs of each, after one warm-up of each. Default: ${DEFAULT-VALUE}.")
    int repetitions;

    @Override
    CommandResult run(SparkSession spark) {
        IngestPlasticcBenchmark.Result result = new IngestPlasticcBenchmark(new IngestPlasticcBenchmark.Options(
                observations, metadata, workDir.toAbsolutePath(), repetitions)).run(spark);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("baseline", runs(result.baseline()));
        json.put("ingest", runs(result.ingest()));
        json.put("ratio", result.ratio());
        json.put("cores", result.cores());
        return new CommandResult(IngestPlasticcBenchmark.report(result), json);
    }

    private static List<Map<String, Object>> runs(List<Run> runs) {
        return runs.stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rows", r.rows());
            m.put("seconds", r.seconds());
            m.put("rows_per_second", r.rowsPerSecond());
            return m;
        }).toList();
    }
}
