package org.losslab.jobs.bench;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.losslab.jobs.logs.BuildLogSequences;
import org.losslab.jobs.logs.DetectAnomalies;
import org.losslab.jobs.logs.LogEventSpace;
import org.losslab.jobs.warehouse.TableSchemas;
import org.losslab.jobs.warehouse.Warehouse;

/**
 * {@code build-log-sequences} and the scoring of {@code detect-anomalies} against plain Spark, in one process,
 * alternating: the build next to a read of the system's {@code log_lines} written back as Parquet (the same rows),
 * the scoring (one network per partition, windows in, scores out, written as Parquet; the run and its event
 * classes are looked up once, before) next to a read of the same windows written back. Ratios are baseline time /
 * job time per repetition (1 = as fast as the plain copy), with their median and range; scoring also as windows per second per core. The build writes into a scratch warehouse
 * in the work folder (a copy of the system's lines), so the user's tables stay as they were.
 */
public final class LogSequencesBenchmark {

    public record Options(BuildLogSequences.Options build, String runId, int repetitions, Path workDir) {
        public Options {
            requireNonNull(build, "build");
            requireNonNull(workDir, "workDir");
            if (repetitions < 1) {
                throw new IllegalArgumentException("repetitions must be >= 1");
            }
        }
    }

    /** Seconds per repetition of each side. */
    public record Result(long lines, long windowsScored, int cores, double[] copyLines, double[] build,
            double[] copyWindows, double[] score) {
        public double[] buildRatios() {
            return ratios(copyLines, build);
        }

        public double[] scoreRatios() {
            return score.length == 0 ? new double[0] : ratios(copyWindows, score);
        }

        public double windowsPerSecondPerCore() {
            return windowsScored / median(score) / cores;
        }
    }

    private final Options options;

    public LogSequencesBenchmark(Options options) {
        this.options = requireNonNull(options, "options");
    }

    public Result run(SparkSession spark) {
        Warehouse warehouse = Warehouse.open(spark, options.build().warehouse());
        String system = options.build().systems().get(0);
        Dataset<Row> lines = warehouse.read(TableSchemas.LOG_LINES).filter(col(TableSchemas.SYSTEM).equalTo(system));
        long lineCount = lines.count();
        Row run = options.runId() == null ? null
                : new DetectAnomalies(new DetectAnomalies.Options(options.build().warehouse(), options.runId(), 9))
                        .logsRun(warehouse);
        LogEventSpace space = run == null ? null : DetectAnomalies.eventSpace(warehouse, run);
        // the build writes into a scratch warehouse holding a copy of the system's lines: a benchmark never
        // replaces the user's log_sequences (its window options may differ from the ones the user built)
        Warehouse scratch = Warehouse.open(spark, out("warehouse"));
        Warehouse.StagedTable copy = scratch.stagePartition(TableSchemas.LOG_LINES, TableSchemas.SYSTEM, system);
        lines.drop(TableSchemas.SYSTEM).write().parquet(copy.writeLocation());
        scratch.commit(List.of(copy));
        BuildLogSequences.Options inScratch = options.build().withWarehouse(scratch.root().toString());
        int reps = options.repetitions();
        double[] copyLines = new double[reps];
        double[] build = new double[reps];
        double[] copyWindows = new double[run == null ? 0 : reps];
        double[] score = new double[run == null ? 0 : reps];
        long windows = 0;
        for (int rep = -1; rep < reps; rep++) { // rep -1 warms both sides up
            double a = time(() -> warehouse.read(TableSchemas.LOG_LINES).filter(col(TableSchemas.SYSTEM)
                    .equalTo(system)).write().mode("overwrite").parquet(out("lines-copy")));
            double b = time(() -> new BuildLogSequences(inScratch).run(spark));
            double c = 0;
            double d = 0;
            if (run != null) {
                Dataset<Row> scored = warehouse.read(TableSchemas.LOG_SEQUENCES)
                        .filter(col(TableSchemas.SYSTEM).equalTo(system).and(col("split").isin("validation", "test")));
                windows = scored.count();
                c = time(() -> warehouse.read(TableSchemas.LOG_SEQUENCES).filter(col(TableSchemas.SYSTEM)
                        .equalTo(system).and(col("split").isin("validation", "test"))).write().mode("overwrite")
                        .parquet(out("windows-copy")));
                d = time(() -> DetectAnomalies.scoreWindows(spark, warehouse, run, space, warehouse
                        .read(TableSchemas.LOG_SEQUENCES).filter(col(TableSchemas.SYSTEM).equalTo(system)
                                .and(col("split").isin("validation", "test"))), 9)
                        .write().mode("overwrite").parquet(out("scored")));
            }
            if (rep >= 0) {
                copyLines[rep] = a;
                build[rep] = b;
                if (run != null) {
                    copyWindows[rep] = c;
                    score[rep] = d;
                }
            }
        }
        return new Result(lineCount, windows, spark.sparkContext().defaultParallelism(), copyLines, build,
                copyWindows, score);
    }

    private String out(String name) {
        return options.workDir().resolve(name).toString();
    }

    private static double time(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e9;
    }

    static double[] ratios(double[] baseline, double[] job) {
        double[] r = new double[job.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = baseline[i] / job[i];
        }
        return r;
    }

    static double median(double[] values) {
        return org.losslab.jobs.train.TrainBenchmark.median(values);
    }

    public static String report(Result r) {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "build-log-sequences of %,d lines: copy %s s, build %s s; ratio copy/build"
                + " median %.3f (%s)", r.lines(), seconds(r.copyLines()), seconds(r.build()),
                median(r.buildRatios()), range(r.buildRatios())));
        if (r.score().length > 0) {
            out.add(String.format(Locale.ROOT, "scoring of %,d windows: copy %s s, score %s s; ratio copy/score median"
                    + " %.3f (%s); %,.0f windows/s per core", r.windowsScored(), seconds(r.copyWindows()),
                    seconds(r.score()), median(r.scoreRatios()), range(r.scoreRatios()), r.windowsPerSecondPerCore()));
        }
        return String.join("\n", out);
    }

    static String seconds(double[] values) {
        return String.join(" / ", Arrays.stream(values).mapToObj(v -> String.format(Locale.ROOT, "%.2f", v)).toList());
    }

    static String range(double[] values) {
        return String.format(Locale.ROOT, "%.3f-%.3f", Arrays.stream(values).min().orElse(Double.NaN),
                Arrays.stream(values).max().orElse(Double.NaN));
    }
}
