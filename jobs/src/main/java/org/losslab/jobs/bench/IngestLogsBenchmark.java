package org.losslab.jobs.bench;

import static java.util.Objects.requireNonNull;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.losslab.common.logs.HeaderMatch;
import org.losslab.common.logs.LogFormat;
import org.losslab.common.logs.TemplateMiner;
import org.losslab.common.logs.TemplateModel;
import org.losslab.common.logs.TemplateStatistics;
import org.losslab.jobs.logs.IngestLogs;

/**
 * Log ingest throughput against plain Spark, in one process. The shipped Loghub systems are replicated to the
 * requested number of lines (one file per system, every digit of every copy's Content re-randomised so that no
 * two copies are alike), then for each system: the baseline reads the lines and writes them as Parquet; the
 * ingest splits headers, mines templates in two passes and writes log_lines, log_templates and log_rejects.
 * Both are reported as lines/s per core with their ratio, alternating for the repetitions asked for (median ratio and
 * range; the table shows the median run of each). The mining itself (tokenise, mask, pass 1, mining,
 * pass 2 with variable extraction) is also timed on one thread without Spark, over a sample of the same lines.
 *
 * <p>In the same alternation, the ingest's two passes into Spark's no-op sink (its work minus Parquet), and two
 * rows that bound what a redesign of the ingest could reach: pass 2 alone with
 * the model already mined (pass 1 run once, untimed: any design that reads the input once, such as mining from
 * a sample, is at best this), writing all of {@code log_lines}' columns, and writing only {@link #LEAN_COLUMNS}
 * (the header fields and Content left to be derived from {@code raw}; they are still computed, so the row is an
 * upper bound on its time).
 */
public final class IngestLogsBenchmark {

    /** Inputs, size and where to write. */
    public record Options(Path loghub, List<String> systems, long lines, Path workDir, int sampleLines,
            int repetitions) {
        public Options {
            requireNonNull(loghub, "loghub");
            requireNonNull(systems, "systems");
            requireNonNull(workDir, "workDir");
            if (repetitions < 1) {
                throw new IllegalArgumentException("repetitions must be >= 1");
            }
        }
    }

    /** One timed run over all systems. */
    public record Run(String what, long lines, double seconds, int cores) {
        public double linesPerSecondPerCore() {
            return lines / seconds / cores;
        }
    }

    /**
     * The median run of each side, the median ratio, the seconds of every repetition, and the single-thread mining
     * figure.
     */
    public record Result(Run baseline, Run ingest, Run ingestWithoutWriting, double ratio, Run miningOneThread,
            Map<String, Long> linesBySystem, double[] baselineSeconds, double[] ingestSeconds,
            double[] miningSeconds, Run passTwo, Run passTwoLean, double[] passTwoSeconds,
            double[] passTwoLeanSeconds, double[] unwrittenSeconds) {
        public double[] ratios() {
            return LogSequencesBenchmark.ratios(baselineSeconds, ingestSeconds);
        }

        /** Baseline over pass 2 alone (model given, all columns), per repetition. */
        public double[] passTwoRatios() {
            return LogSequencesBenchmark.ratios(baselineSeconds, passTwoSeconds);
        }

        /** Baseline over pass 2 alone writing {@link IngestLogsBenchmark#LEAN_COLUMNS}, per repetition. */
        public double[] passTwoLeanRatios() {
            return LogSequencesBenchmark.ratios(baselineSeconds, passTwoLeanSeconds);
        }
    }

    /** The columns of the lean variant: where the line is, the line once, its template and variables. */
    public static final List<String> LEAN_COLUMNS = List.of("file", "line_number", "raw", "template_id", "variables");

    private final Options options;

    public IngestLogsBenchmark(Options options) {
        this.options = requireNonNull(options, "options");
    }

    public Result run(SparkSession spark) {
        int cores = spark.sparkContext().defaultParallelism();
        Map<String, Path> inputs = replicate();
        Map<String, Long> linesBySystem = new LinkedHashMap<>();
        inputs.forEach((system, file) -> linesBySystem.put(system, countLines(file)));
        long total = linesBySystem.values().stream().mapToLong(Long::longValue).sum();

        // warm-up on the original 2k files: JIT, Parquet writers, file listing
        for (String system : options.systems()) {
            Path original = options.loghub().resolve(system).resolve(system + "_2k.log");
            baseline(spark, Map.of(system, original), "warm-up");
            ingest(spark, Map.of(system, original), "warm-up");
        }
        Map<String, Dataset<Row>> passTwo = new LinkedHashMap<>();
        inputs.forEach((system, file) -> passTwo.put(system, IngestLogs.passTwo(spark, system, file.toString())));
        int reps = options.repetitions();
        double[] baselineSeconds = new double[reps];
        double[] ingestSeconds = new double[reps];
        double[] passTwoSeconds = new double[reps];
        double[] passTwoLeanSeconds = new double[reps];
        double[] unwrittenSeconds = new double[reps];
        for (int rep = 0; rep < reps; rep++) { // alternating, so drifts of the machine fall on all sides
            baselineSeconds[rep] = baseline(spark, inputs, "timed");
            ingestSeconds[rep] = ingest(spark, inputs, "timed");
            unwrittenSeconds[rep] = ingestWithoutWriting(spark, inputs);
            passTwoSeconds[rep] = writePassTwo(passTwo, false);
            passTwoLeanSeconds[rep] = writePassTwo(passTwo, true);
        }
        Run baseline = new Run("baseline", total, LogSequencesBenchmark.median(baselineSeconds), cores);
        Run ingest = new Run("ingest", total, LogSequencesBenchmark.median(ingestSeconds), cores);
        Run unwritten = new Run("ingest, no write", total, LogSequencesBenchmark.median(unwrittenSeconds), cores);
        double[] miningSeconds = new double[reps];
        Run mining = miningOneThread(inputs, miningSeconds);
        return new Result(baseline, ingest, unwritten,
                LogSequencesBenchmark.median(LogSequencesBenchmark.ratios(baselineSeconds, ingestSeconds)), mining,
                linesBySystem, baselineSeconds, ingestSeconds, miningSeconds,
                new Run("pass 2 alone", total, LogSequencesBenchmark.median(passTwoSeconds), cores),
                new Run("pass 2 alone, lean", total, LogSequencesBenchmark.median(passTwoLeanSeconds), cores),
                passTwoSeconds, passTwoLeanSeconds, unwrittenSeconds);
    }

    /** Pass 2 of every system into Parquet, the model already mined; {@code lean}: only {@link #LEAN_COLUMNS}. */
    private double writePassTwo(Map<String, Dataset<Row>> passTwo, boolean lean) {
        long start = System.nanoTime();
        passTwo.forEach((system, lines) -> {
            Dataset<Row> rows = lean ? lines.select(LEAN_COLUMNS.stream().map(Column::new).toArray(Column[]::new))
                    : lines;
            rows.write().mode("overwrite").parquet(options.workDir().resolve((lean ? "pass2-lean-" : "pass2-")
                    + system).toString());
        });
        return (System.nanoTime() - start) / 1e9;
    }

    private double baseline(SparkSession spark, Map<String, Path> inputs, String label) {
        long start = System.nanoTime();
        inputs.forEach((system, file) -> {
            spark.sparkContext().setJobDescription("benchmark: plain read and write of " + system + " (" + label
                    + ")");
            spark.read().text(file.toString()).write().mode("overwrite")
                    .parquet(options.workDir().resolve("baseline-" + system).toString());
        });
        spark.sparkContext().setJobDescription(null);
        return (System.nanoTime() - start) / 1e9;
    }

    private double ingest(SparkSession spark, Map<String, Path> inputs, String label) {
        Path warehouse = options.workDir().resolve("warehouse-" + label);
        long start = System.nanoTime();
        inputs.forEach((system, file) -> new IngestLogs(new IngestLogs.Options(warehouse.toString(), system,
                List.of(file.toString()), null, null)).run(spark));
        return (System.nanoTime() - start) / 1e9;
    }

    /** Both passes of the ingest through Spark with a no-op sink: reading, header split and mining, no Parquet. */
    private double ingestWithoutWriting(SparkSession spark, Map<String, Path> inputs) {
        long start = System.nanoTime();
        inputs.forEach((system, file) -> IngestLogs.parseWithoutWriting(spark, system, file.toString()));
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * Pass 1, mining and pass 2 (with variables) on one thread over a sample of each system's lines: the median of
     * {@code seconds.length} timed runs after a warm-up, each run's time written into {@code seconds}.
     */
    private Run miningOneThread(Map<String, Path> inputs, double[] seconds) {
        int perSystem = Math.max(1, options.sampleLines() / inputs.size());
        Map<String, List<String>> contents = new LinkedHashMap<>();
        inputs.forEach((system, file) -> {
            LogFormat format = LogFormat.builtin(system);
            List<String> sample = new ArrayList<>(perSystem);
            try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
                lines.limit(perSystem).forEach(line -> {
                    HeaderMatch m = format.match(line);
                    if (m.matched()) {
                        sample.add(m.content());
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            contents.put(system, sample);
        });
        long lines = contents.values().stream().mapToLong(List::size).sum();
        mineAll(contents); // warm-up
        for (int rep = 0; rep < seconds.length; rep++) {
            long start = System.nanoTime();
            long checksum = mineAll(contents);
            seconds[rep] = (System.nanoTime() - start) / 1e9;
            if (checksum < 0) {
                throw new IllegalStateException("impossible checksum");
            }
        }
        return new Run("mining, 1 thread", lines, LogSequencesBenchmark.median(seconds), 1);
    }

    private static long mineAll(Map<String, List<String>> contents) {
        long checksum = 0;
        int[] spans = new int[256];
        for (List<String> lines : contents.values()) {
            TemplateStatistics statistics = new TemplateStatistics();
            for (String line : lines) {
                statistics.add(line);
            }
            TemplateModel model = TemplateMiner.mine(statistics);
            TemplateModel.Matcher matcher = model.matcher();
            for (String line : lines) {
                checksum += matcher.templateIndexAndSpans(line, spans);
            }
        }
        return checksum;
    }

    /** Writes (once) each system's log replicated to its share of the lines, digits of the Content re-randomised. */
    private Map<String, Path> replicate() {
        long perSystem = options.lines() / options.systems().size();
        Map<String, Path> files = new LinkedHashMap<>();
        for (String system : options.systems()) {
            Path source = options.loghub().resolve(system).resolve(system + "_2k.log");
            Path target = options.workDir().resolve("input-" + options.lines()).resolve(system + ".log");
            files.put(system, target);
            if (Files.isRegularFile(target)) {
                continue;
            }
            try {
                List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
                LogFormat format = LogFormat.builtin(system);
                Files.createDirectories(target.getParent());
                Path partial = target.resolveSibling(target.getFileName() + ".partial");
                SplittableRandom random = new SplittableRandom(system.hashCode());
                try (BufferedWriter out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                    for (long i = 0; i < perSystem; i++) {
                        String line = lines.get((int) (i % lines.size()));
                        out.write(i < lines.size() ? line : varyContent(format, line, random));
                        out.newLine();
                    }
                }
                Files.move(partial, target);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot replicate " + source + ": " + e.getMessage(), e);
            }
        }
        return files;
    }

    private static String varyContent(LogFormat format, String line, SplittableRandom random) {
        HeaderMatch m = format.match(line);
        if (!m.matched()) {
            return line;
        }
        String content = m.content();
        String stripped = line.strip();
        int at = stripped.lastIndexOf(content);
        char[] chars = stripped.toCharArray();
        for (int i = Math.max(at, 0); i < chars.length; i++) {
            if (chars[i] >= '0' && chars[i] <= '9') {
                chars[i] = (char) ('0' + random.nextInt(10));
            }
        }
        return new String(chars);
    }

    private static long countLines(Path file) {
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The printed table. */
    public static String report(Result result) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "%-18s %12s %9s %6s %16s%n", "run", "lines", "seconds", "cores",
                "lines/s per core"));
        for (Run run : List.of(result.baseline(), result.ingest(), result.ingestWithoutWriting(),
                result.passTwo(), result.passTwoLean(), result.miningOneThread())) {
            text.append(String.format(Locale.ROOT, "%-18s %,12d %9.2f %6d %,16.0f%n", run.what(), run.lines(),
                    run.seconds(), run.cores(), run.linesPerSecondPerCore()));
        }
        text.append(String.format(Locale.ROOT, "baseline %s s, ingest %s s (alternating); mining, 1 thread %s s%n",
                LogSequencesBenchmark.seconds(result.baselineSeconds()),
                LogSequencesBenchmark.seconds(result.ingestSeconds()),
                LogSequencesBenchmark.seconds(result.miningSeconds())));
        text.append(String.format(Locale.ROOT, "ingest, no write %s s, pass 2 alone %s s, lean %s s (same"
                + " alternation)%n", LogSequencesBenchmark.seconds(result.unwrittenSeconds()),
                LogSequencesBenchmark.seconds(result.passTwoSeconds()),
                LogSequencesBenchmark.seconds(result.passTwoLeanSeconds())));
        text.append(String.format(Locale.ROOT, "ratio to baseline, model given (bounds for one read): pass 2 alone"
                + " median %.3f (%s), lean median %.3f (%s)%n",
                LogSequencesBenchmark.median(result.passTwoRatios()),
                LogSequencesBenchmark.range(result.passTwoRatios()),
                LogSequencesBenchmark.median(result.passTwoLeanRatios()),
                LogSequencesBenchmark.range(result.passTwoLeanRatios())));
        text.append(String.format(Locale.ROOT, "ratio ingest/baseline (lines/s per core): median %.3f (%s)",
                result.ratio(), LogSequencesBenchmark.range(result.ratios())));
        return text.toString();
    }
}
