package org.losslab.jobs.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.losslab.jobs.plasticc.IngestPlasticc;

/**
 * Ingest throughput against plain Spark, in one process: the baseline reads the same observations CSV with a
 * fixed schema and writes Parquet; losslab's ingest reads metadata and observations, validates every row,
 * quarantines rejects, partitions and reconciles. Each is run {@code repetitions} times, alternating, after a
 * warm-up of both; the ratio is losslab rows/s over baseline rows/s (median of the repetitions).
 */
public final class IngestPlasticcBenchmark {

    /** Inputs and where to write. */
    public record Options(String observations, String metadata, Path workDir, int repetitions) {
        public Options {
            requireNonNull(observations, "observations");
            requireNonNull(metadata, "metadata");
            requireNonNull(workDir, "workDir");
            if (repetitions < 1) {
                throw new IllegalArgumentException("Cannot benchmark with " + repetitions + " repetitions");
            }
        }
    }

    /** One timed run. */
    public record Run(String what, long rows, double seconds) {
        public double rowsPerSecond() {
            return rows / seconds;
        }
    }

    /** All runs and the median ratio. */
    public record Result(List<Run> baseline, List<Run> ingest, double ratio, int cores) {
    }

    private static final StructType FIXED_SCHEMA = new StructType()
            .add("object_id", DataTypes.LongType)
            .add("mjd", DataTypes.DoubleType)
            .add("passband", DataTypes.ByteType)
            .add("flux", DataTypes.FloatType)
            .add("flux_err", DataTypes.FloatType)
            .add("detected", DataTypes.IntegerType);

    private final Options options;

    public IngestPlasticcBenchmark(Options options) {
        this.options = requireNonNull(options, "options");
    }

    public Result run(SparkSession spark) {
        // warm-up: JIT, Parquet writers, file listing caches
        baseline(spark, "warm-up");
        ingest(spark, "warm-up");
        List<Run> baseline = new ArrayList<>();
        List<Run> ingest = new ArrayList<>();
        for (int i = 0; i < options.repetitions(); i++) {
            baseline.add(baseline(spark, "baseline-" + i));
            ingest.add(ingest(spark, "ingest-" + i));
        }
        double ratio = median(ingest) / median(baseline);
        return new Result(baseline, ingest, ratio, spark.sparkContext().defaultParallelism());
    }

    private Run baseline(SparkSession spark, String label) {
        Path out = options.workDir().resolve("baseline-" + label);
        long start = System.nanoTime();
        spark.sparkContext().setJobDescription("benchmark: plain Spark CSV -> Parquet (" + label + ")");
        spark.read().schema(FIXED_SCHEMA).option("header", "true").csv(options.observations())
                .write().mode("overwrite").parquet(out.toString());
        double seconds = (System.nanoTime() - start) / 1e9;
        long rows = spark.read().parquet(out.toString()).count();
        delete(spark, out);
        return new Run("baseline", rows, seconds);
    }

    private Run ingest(SparkSession spark, String label) {
        Path warehouse = options.workDir().resolve("warehouse-" + label);
        long start = System.nanoTime();
        IngestPlasticc.Result result = new IngestPlasticc(new IngestPlasticc.Options(warehouse.toString(),
                List.of(options.observations()), List.of(options.metadata()))).run(spark);
        double seconds = (System.nanoTime() - start) / 1e9;
        delete(spark, warehouse);
        return new Run("ingest", result.observations().rowsIn(), seconds);
    }

    private static double median(List<Run> runs) {
        double[] rates = runs.stream().mapToDouble(Run::rowsPerSecond).sorted().toArray();
        int n = rates.length;
        return n % 2 == 1 ? rates[n / 2] : (rates[n / 2 - 1] + rates[n / 2]) / 2;
    }

    private static void delete(SparkSession spark, Path path) {
        try {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path.toUri());
            FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            fs.delete(p, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The printed table. */
    public static String report(Result result) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "%-10s %12s %9s %14s%n", "run", "rows", "seconds", "rows/s"));
        List<Run> all = new ArrayList<>();
        for (int i = 0; i < result.baseline().size(); i++) {
            all.add(result.baseline().get(i));
            all.add(result.ingest().get(i));
        }
        for (Run run : all) {
            text.append(String.format(Locale.ROOT, "%-10s %,12d %9.2f %,14.0f%n", run.what(), run.rows(),
                    run.seconds(), run.rowsPerSecond()));
        }
        text.append(String.format(Locale.ROOT, "ratio ingest/baseline (median rows/s): %.3f on %d cores%n",
                result.ratio(), result.cores()));
        return text.toString().stripTrailing();
    }

    static Path tempDir(Path parent) {
        try {
            Files.createDirectories(parent);
            return Files.createTempDirectory(parent, "bench-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
