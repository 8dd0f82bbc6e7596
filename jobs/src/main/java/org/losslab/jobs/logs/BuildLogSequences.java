package org.losslab.jobs.logs;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.when;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.XXH64;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.losslab.common.anomaly.LogTimestamps;
import org.losslab.common.anomaly.WindowIds;
import org.losslab.common.anomaly.WindowKind;
import org.losslab.common.anomaly.WindowOrder;
import org.losslab.common.anomaly.WindowParts;
import org.losslab.common.anomaly.WindowSplit;
import org.losslab.common.logs.CsvReader;
import org.losslab.jobs.spark.JobSteps;
import org.losslab.jobs.warehouse.TableSchemas;
import org.losslab.jobs.warehouse.Warehouse;
import org.losslab.jobs.warehouse.Warehouse.StagedTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import scala.Tuple2;

/**
 * {@code build-log-sequences}: cuts the mined lines of {@code log_lines} into windows ({@link WindowKind}), maps
 * templates to event indexes by frequency ({@code log_vocabulary}) and writes each window as an event sequence
 * with its label and split ({@code log_sequences}), one partition per system, replaced whole. The split is
 * chronological by window start by default (earlier windows train, later ones test: a random split lets a model
 * see the future and flatters it, Le and Zhang, ICSE 2022) or random by a hash of the window id.
 */
public final class BuildLogSequences {
    private static final Logger LOG = LoggerFactory.getLogger(BuildLogSequences.class);
    public static final List<String> SPLITS = List.of("chronological", "random");

    /**
     * {@code size}/{@code step} count lines (fixed, sliding), {@code durationSeconds} the time window; a session
     * takes its key from {@code sessionKey} (a regex over the Content; every match is a key) or from the header
     * field {@code sessionField}. {@code labels}: a CSV of {@code key,label} ({@code Normal}/{@code Anomaly}, as
     * Loghub's HDFS labels) for session windows.
     */
    public record Options(String warehouse, List<String> systems, WindowKind window, int size, int step,
            long durationSeconds, String sessionKey, String sessionField, String labels, String split,
            double trainFraction, double validationFraction, long seed) {
        /** The same options against another warehouse. */
        public Options withWarehouse(String other) {
            return new Options(other, systems, window, size, step, durationSeconds, sessionKey, sessionField, labels,
                    split, trainFraction, validationFraction, seed);
        }

        public Options {
            requireNonNull(warehouse, "warehouse");
            requireNonNull(window, "window");
            if (systems == null || systems.isEmpty()) {
                throw new IllegalArgumentException("Cannot build log sequences: no --system given");
            }
            if (!SPLITS.contains(split)) {
                throw new IllegalArgumentException("Unknown split '" + split + "': use chronological or random");
            }
            if (!(trainFraction > 0 && validationFraction >= 0 && trainFraction + validationFraction < 1)) {
                throw new IllegalArgumentException("Cannot split windows " + trainFraction + " / " + validationFraction
                        + " / rest: train > 0, validation >= 0, and both together < 1 (the rest is test)");
            }
            switch (window) {
                case SESSION -> {
                    if ((sessionKey == null) == (sessionField == null)) {
                        throw new IllegalArgumentException("Session windows need exactly one of --session-key"
                                + " (a regex over the Content) or --session-field (a header field)");
                    }
                    if (sessionKey != null) {
                        try {
                            Pattern.compile(sessionKey);
                        } catch (PatternSyntaxException e) {
                            throw new IllegalArgumentException("Cannot use --session-key '" + sessionKey + "': "
                                    + e.getDescription(), e);
                        }
                    }
                }
                case FIXED, SLIDING -> {
                    if (size < 1 || (window == WindowKind.SLIDING && (step < 1 || step > size))) {
                        throw new IllegalArgumentException("Cannot cut " + window.cliName() + " windows of "
                                + size + " lines" + (window == WindowKind.SLIDING ? " every " + step : "")
                                + ": size >= 1" + (window == WindowKind.SLIDING ? " and 1 <= step <= size" : ""));
                    }
                }
                case TIME -> {
                    if (durationSeconds < 1) {
                        throw new IllegalArgumentException("Time windows need a duration >= 1 s, not "
                                + durationSeconds);
                    }
                }
                default -> throw new IllegalStateException(window.toString());
            }
            if (labels != null && window != WindowKind.SESSION) {
                throw new IllegalArgumentException("--labels gives labels per session key: it needs --window"
                        + " session (line labels such as BGL's come from log_lines)");
            }
        }
    }

    /** One system's windows: how many, how many labelled anomalous (null: no labels), per split, what was left out. */
    public record SystemResult(String system, long lines, long linesWithoutWindow, long windows,
            Long anomalousWindows, Map<String, Long> windowsBySplit, int vocabulary) {
    }

    public record Result(String window, List<SystemResult> systems, Map<String, String> tables) {
    }

    private final Options options;

    public BuildLogSequences(Options options) {
        this.options = requireNonNull(options, "options");
    }

    public Result run(SparkSession spark) {
        Warehouse warehouse = Warehouse.open(spark, options.warehouse());
        if (!warehouse.exists(TableSchemas.LOG_LINES)) {
            throw new IllegalArgumentException("Cannot build log sequences: no " + TableSchemas.LOG_LINES + " table in "
                    + warehouse.root() + " (run ingest-logs first)");
        }
        JobSteps steps = new JobSteps(spark, "build-log-sequences", LOG);
        List<StagedTable> staged = new ArrayList<>();
        List<SystemResult> results = new ArrayList<>();
        try {
            for (String system : options.systems()) {
                results.add(build(spark, warehouse, system, staged, steps));
            }
            steps.step("commit");
            warehouse.commit(staged);
        } catch (Exception e) { // Spark rethrows checked exceptions (SparkException) undeclared
            warehouse.abort(staged);
            throw e;
        } finally {
            steps.done();
        }
        Map<String, String> tables = new LinkedHashMap<>();
        tables.put(TableSchemas.LOG_SEQUENCES, warehouse.tablePath(TableSchemas.LOG_SEQUENCES).toString());
        tables.put(TableSchemas.LOG_VOCABULARY, warehouse.tablePath(TableSchemas.LOG_VOCABULARY).toString());
        return new Result(options.window().cliName(), results, tables);
    }

    private SystemResult build(SparkSession spark, Warehouse warehouse, String system, List<StagedTable> staged,
            JobSteps steps) {
        steps.step("vocabulary of " + system);
        Dataset<Row> lines = warehouse.read(TableSchemas.LOG_LINES).filter(col(TableSchemas.SYSTEM).equalTo(system));
        // sorted here, not by Spark: a global orderBy costs a sampling job, and a system has few templates
        List<Row> counts = new ArrayList<>(lines.groupBy("template_id").count().collectAsList());
        counts.sort(java.util.Comparator.<Row>comparingLong(r -> -r.getLong(1)).thenComparing(r -> r.getString(0)));
        if (counts.isEmpty()) {
            throw new IllegalArgumentException("Cannot build log sequences of system '" + system + "': it has no lines"
                    + " in " + TableSchemas.LOG_LINES + " (ingest it with ingest-logs first)");
        }
        Map<String, String> templateText = new java.util.HashMap<>();
        if (warehouse.exists(TableSchemas.LOG_TEMPLATES)) {
            for (Row t : warehouse.read(TableSchemas.LOG_TEMPLATES).filter(col(TableSchemas.SYSTEM).equalTo(system))
                    .select("template_id", "template").collectAsList()) {
                templateText.put(t.getString(0), t.getString(1));
            }
        }
        List<Row> vocabulary = new ArrayList<>();
        long lineCount = 0;
        for (int i = 0; i < counts.size(); i++) {
            String id = counts.get(i).getString(0);
            long n = counts.get(i).getLong(1);
            lineCount += n;
            vocabulary.add(RowFactory.create(i + 1, id, templateText.getOrDefault(id, id), n, system));
        }
        Dataset<Row> vocabularyTable = spark.createDataFrame(vocabulary, TableSchemas.LOG_VOCABULARY_SCHEMA);
        Map<String, Integer> eventIndexes = new HashMap<>();
        for (Row v : vocabulary) {
            eventIndexes.put(v.getString(1), v.getInt(0));
        }

        steps.step(options.window().cliName() + " windows of " + system);
        // one pass over the lines: each partition gathers the lines of every window it sees and one shuffle merges
        // the parts (and the label file's keys); the split and the write both read the shuffle's output, which
        // Spark keeps, so the lines are read once (caching the merged windows cost more: Spark sizes every object)
        WindowIds ids = windowIds();
        Dataset<Row> slim = lines.select(col("file"), col("line_number"), col("template_id"), col("label"),
                ids.readsContent() ? col("content") : lit(null).cast(DataTypes.StringType),
                options.sessionField() != null ? col("fields").getItem(options.sessionField())
                        : lit(null).cast(DataTypes.StringType),
                col("fields").getItem("Timestamp"), col("fields").getItem("Date"), col("fields").getItem("Time"));
        JavaPairRDD<String, WindowParts> parts = slim.toJavaRDD()
                .mapPartitionsToPair(new AssignWindows(ids, eventIndexes));
        if (options.labels() != null) {
            parts = parts.union(labelParts(spark));
        }
        JavaPairRDD<String, WindowParts> merged = parts
                .reduceByKey(WindowParts::merge, Math.max(1, slim.rdd().getNumPartitions()));
        List<WindowSummary> summaries = new ArrayList<>();
        long withoutWindow = 0;
        for (WindowSummary w : merged.filter(w -> w._1().isEmpty() || w._2().hasLines())
                .map(WindowSummary::of).collect()) {
            if (w.order() == null) {
                withoutWindow += w.linesWithoutWindow();
            } else {
                summaries.add(w);
            }
        }
        if (summaries.isEmpty()) {
            throw new IllegalArgumentException("Cannot build " + options.window().cliName() + " windows of system '"
                    + system + "': " + noWindowReason() + "; nothing written");
        }
        WindowSplit chronological = "chronological".equals(options.split())
                ? WindowSplit.chronological(summaries.stream().map(WindowSummary::order).toArray(WindowOrder[]::new),
                        options.trainFraction(), options.validationFraction())
                : null;
        SplitOf splitOf = new SplitOf(chronological, options.seed(), options.trainFraction(),
                options.validationFraction());
        Map<String, Long> bySplit = new TreeMap<>();
        long labelledWindows = 0;
        long anomalousWindows = 0;
        for (WindowSummary w : summaries) {
            bySplit.merge(splitOf.of(w.order()), 1L, Long::sum);
            if (w.label() != null) {
                labelledWindows++;
                anomalousWindows += w.label();
            }
        }
        Long anomalous = labelledWindows == 0 ? null : anomalousWindows;

        StagedTable sequencesTable = warehouse.stagePartition(TableSchemas.LOG_SEQUENCES, TableSchemas.SYSTEM,
                system);
        StagedTable vocabularyStaged = warehouse.stagePartition(TableSchemas.LOG_VOCABULARY, TableSchemas.SYSTEM,
                system);
        staged.add(sequencesTable);
        staged.add(vocabularyStaged);
        steps.step("write log_sequences of " + system);
        String kind = options.window().cliName();
        JavaRDD<Row> rows = merged.filter(w -> !w._1().isEmpty() && w._2().hasLines())
                .map(w -> sequenceRow(kind, w._2().finish(w._1()), splitOf));
        spark.createDataFrame(rows, TableSchemas.withoutColumns(TableSchemas.LOG_SEQUENCES_SCHEMA,
                TableSchemas.SYSTEM)).write().parquet(sequencesTable.writeLocation());
        vocabularyTable.drop(TableSchemas.SYSTEM).coalesce(1).write().parquet(vocabularyStaged.writeLocation());
        LOG.info("{}: {} {} windows ({}), {} anomalous, {} of {} lines in no window", system, summaries.size(),
                kind, bySplit, anomalous == null ? "no labels" : anomalous, withoutWindow, lineCount);
        return new SystemResult(system, lineCount, withoutWindow, summaries.size(), anomalous, bySplit,
                vocabulary.size());
    }

    private String noWindowReason() {
        return switch (options.window()) {
            case SESSION -> options.sessionKey() != null ? "no line's Content matches --session-key '"
                    + options.sessionKey() + "'" : "no line has the header field '" + options.sessionField() + "'";
            case TIME -> "no line has a time this job can read (Timestamp, or Date and Time header fields)";
            default -> "no lines";
        };
    }

    private WindowIds windowIds() {
        return switch (options.window()) {
            case SESSION -> WindowIds.session(options.sessionKey());
            case FIXED -> WindowIds.fixed(options.size());
            case SLIDING -> WindowIds.sliding(options.size(), options.step());
            case TIME -> WindowIds.time(options.durationSeconds());
        };
    }

    /** The label file's keys as window parts that carry only a label, merged with the lines' parts by key. */
    private JavaPairRDD<String, WindowParts> labelParts(SparkSession spark) {
        Dataset<Row> labels = spark.read().option("header", "true").schema(labelSchema(spark)).csv(options.labels());
        if (labels.columns().length < 2) {
            throw new IllegalArgumentException("Cannot read labels " + options.labels() + ": expected a header and"
                    + " two columns, key and label (Normal/Anomaly), found " + String.join(",", labels.columns()));
        }
        return labels.select(col(labels.columns()[0]), when(functions.lower(col(labels.columns()[1]))
                .isin("anomaly", "abnormal", "1", "true"), lit(1)).otherwise(lit(0)))
                .filter(col(labels.columns()[0]).isNotNull())
                .toJavaRDD().mapToPair(r -> new Tuple2<>(r.getString(0), new WindowParts().keyLabel(r.getInt(1))));
    }

    /**
     * The label file's columns, all strings, named by its header line, read here: without a schema Spark runs a
     * job to read the header. Null for a folder of files (Spark reads the header then).
     */
    private StructType labelSchema(SparkSession spark) {
        Path path = new Path(options.labels());
        try {
            FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.getFileStatus(path).isFile()) {
                return null;
            }
            try (Reader in = new InputStreamReader(fs.open(path), StandardCharsets.UTF_8)) {
                String[] header = new CsvReader(in).next();
                if (header == null) {
                    throw new IllegalArgumentException("Cannot read labels " + options.labels() + ": the file is empty"
                            + " (expected a header and two columns, key and label)");
                }
                StructType schema = new StructType();
                for (String name : header) {
                    schema = schema.add(name.replace("\uFEFF", "").trim(), DataTypes.StringType);
                }
                return schema;
            }
        } catch (FileNotFoundException e) {
            throw new IllegalArgumentException("Cannot read labels " + options.labels() + ": no such file", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read labels " + options.labels() + ": " + e.getMessage(), e);
        }
    }

    private static Row sequenceRow(String kind, WindowParts.Window w, SplitOf splitOf) {
        Map<String, Object> v = new HashMap<>();
        v.put("window_kind", kind);
        v.put("window_id", w.id());
        v.put("file", w.file());
        v.put("first_line", w.firstLine());
        v.put("last_line", w.lastLine());
        v.put("start_time", w.startMs() == null ? null : new Timestamp(w.startMs()));
        v.put("end_time", w.endMs() == null ? null : new Timestamp(w.endMs()));
        v.put("events", w.events());
        v.put("length", w.events().length);
        v.put("label", w.label());
        v.put("split", splitOf.of(w.order()));
        return TableSchemas.row(TableSchemas.LOG_SEQUENCES_SCHEMA, v, TableSchemas.SYSTEM);
    }

    /** What the driver needs of a window: its order and label; or, under the empty key, the lines in no window. */
    private record WindowSummary(WindowOrder order, Integer label, long linesWithoutWindow) implements Serializable {
        static WindowSummary of(Tuple2<String, WindowParts> w) {
            if (w._1().isEmpty()) {
                return new WindowSummary(null, null, w._2().linesWithoutWindow());
            }
            return new WindowSummary(w._2().order(w._1()), w._2().label(), 0);
        }
    }

    /** A window's split: by its chronological order, or by a hash of its id (Spark's xxhash64 with the seed). */
    private record SplitOf(WindowSplit chronological, long seed, double train, double validation)
            implements Serializable {
        String of(WindowOrder w) {
            if (chronological != null) {
                return chronological.of(w);
            }
            long hash = XXH64.hashUTF8String(UTF8String.fromString(w.windowId()), seed);
            return WindowSplit.split(Math.floorMod(hash, 1_000_000L) / 1e6, train, validation);
        }
    }

    /**
     * A partition's lines as the parts of the windows they are in, one part per window the partition sees (the
     * lines in no window counted under the empty key, which no window has).
     */
    private static final class AssignWindows implements PairFlatMapFunction<Iterator<Row>, String, WindowParts> {
        private static final long serialVersionUID = 1L;
        private final WindowIds ids;
        private final Map<String, Integer> eventIndexes;

        AssignWindows(WindowIds ids, Map<String, Integer> eventIndexes) {
            this.ids = ids;
            this.eventIndexes = eventIndexes;
        }

        @Override
        public Iterator<Tuple2<String, WindowParts>> call(Iterator<Row> rows) {
            Map<String, WindowParts> open = new HashMap<>();
            WindowParts inNone = new WindowParts();
            LineTime time = new LineTime();
            while (rows.hasNext()) {
                Row r = rows.next();
                String file = r.getString(0);
                long line = r.getLong(1);
                Integer event = eventIndexes.getOrDefault(r.getString(2), 0);
                Integer label = r.isNullAt(3) ? null : "-".equals(r.getString(3)) ? 0 : 1;
                Long ms = time.of(r.getString(6), r.getString(7), r.getString(8));
                String[] windows = ids.of(file, line, r.getString(4), r.getString(5), ms);
                if (windows.length == 0) {
                    inNone.lineWithoutWindow();
                }
                for (String id : windows) {
                    open.computeIfAbsent(id, k -> new WindowParts()).add(file, line, event, ms, label);
                }
            }
            List<Tuple2<String, WindowParts>> out = new ArrayList<>(open.size() + 1);
            open.forEach((id, parts) -> out.add(new Tuple2<>(id, parts)));
            if (inNone.linesWithoutWindow() > 0) {
                out.add(new Tuple2<>("", inNone));
            }
            return out.iterator();
        }
    }

    /** {@link LogTimestamps#millis} of a line's time fields, reusing the last answer (neighbouring lines share them). */
    private static final class LineTime {
        private String timestamp;
        private String date;
        private String time;
        private Long last;
        private boolean known;

        Long of(String timestamp, String date, String time) {
            if (!known || !java.util.Objects.equals(timestamp, this.timestamp)
                    || !java.util.Objects.equals(date, this.date) || !java.util.Objects.equals(time, this.time)) {
                this.timestamp = timestamp;
                this.date = date;
                this.time = time;
                last = LogTimestamps.millis(timestamp, date, time);
                known = true;
            }
            return last;
        }
    }
}
