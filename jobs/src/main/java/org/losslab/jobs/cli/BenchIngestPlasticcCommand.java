package org.losslab.jobs.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.SparkSession;
import org.losslab.jobs.bench.IngestPlasticcBenchmark;
import org.losslab.jobs.bench.IngestPlasticcBenchmark.Run;
import org.losslab.jobs.plasticc.SimulatePlasticc;
import org.losslab.common.plasticc.sim.SimulationConfig;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code losslab bench ingest-plasticc}: the ingest's rows/s against plain Spark CSV to Parquet. */
@Command(name = "ingest-plasticc", mixinStandardHelpOptions = true,
        description = "Ingest throughput next to plain Spark reading the same CSV with a fixed schema and"
                + " writing Parquet, as a ratio in one run.")
final class BenchIngestPlasticcCommand extends SparkCommand {

    @Option(names = "--observations", paramLabel = "CSV",
            description = "Observations CSV to ingest; without it a simulated set of --objects objects is made"
                    + " (once, then reused). Default: none (simulate).")
    String observations;

    @Option(names = "--metadata", paramLabel = "CSV",
            description = "Metadata CSV of the same objects. Default: none (simulate).")
    String metadata;

    @Option(names = "--objects", paramLabel = "N", defaultValue = "55000",
            description = "Objects to simulate when no input is given: ~190 observations each, so the default"
                    + " makes ~10.5 million. Default: ${DEFAULT-VALUE}.")
    long objects;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Simulation seed."
            + " Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--work-dir", paramLabel = "DIR", defaultValue = "./work/bench",
            description = "Scratch folder for the outputs (deleted after each run). Default: ${DEFAULT-VALUE}.")
    Path workDir;

    @Option(names = "--repetitions", paramLabel = "N", defaultValue = "2",
            description = "Timed runs of each, after one warm-up of each. Default: ${DEFAULT-VALUE}.")
    int repetitions;

    @Override
    CommandResult run(SparkSession spark) {
        if ((observations == null) != (metadata == null)) {
            throw new IllegalArgumentException("Give both --observations and --metadata, or neither (simulate)");
        }
        if (observations == null) {
            Path input = workDir.toAbsolutePath().resolve("input-" + objects + "-" + seed);
            Path observationsCsv = input.resolve("training_set.csv");
            Path metadataCsv = input.resolve("training_set_metadata.csv");
            if (!Files.isRegularFile(observationsCsv) || !Files.isRegularFile(metadataCsv)) {
                new SimulatePlasticc(new SimulatePlasticc.Options(objects, input.toString(),
                        SimulatePlasticc.Format.CSV, seed, 0, SimulationConfig.DEFAULT_DDF_FRACTION)).run(spark);
            }
            observations = observationsCsv.toString();
            metadata = metadataCsv.toString();
        }
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
