package org.losslab.jobs.logs;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.losslab.common.anomaly.LogTimestamps;
import org.losslab.common.anomaly.WindowKind;
import org.losslab.jobs.spark.JobSteps;
import org.losslab.jobs.warehouse.TableSchemas;
import org.losslab.jobs.warehouse.Warehouse;
import org.losslab.jobs.warehouse.Warehouse.StagedTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
        List<Row> counts = lines.groupBy("template_id").count()
                .orderBy(col("count").desc(), col("template_id")).collectAsList();
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

        UDF1<scala.collection.Map<String, String>, Long> time = fields -> fields == null ? null
                : LogTimestamps.millis(scala.collection.JavaConverters.mapAsJavaMap(fields));
        Dataset<Row> events = lines.join(broadcast(vocabularyTable.select("template_id", "event_index")), "template_id")
                .select(col("file"), col("line_number"), col("event_index"), col("content"), col("fields"),
                        when(col("label").isNull(), lit(null).cast(DataTypes.IntegerType))
                                .when(col("label").equalTo("-"), lit(0)).otherwise(lit(1)).as("line_label"),
                        functions.udf(time, DataTypes.LongType).apply(col("fields")).as("time_ms"));

        steps.step(options.window().cliName() + " windows of " + system);
        // every line once, slim, with the ids of the windows it is in: read by the grouping and by the count of
        // lines in no window, so the Content is read and matched once
        Dataset<Row> lineWindows = events.select(col("file"), col("line_number"), col("event_index"),
                col("line_label"), col("time_ms"), windowIds(events).as("window_ids"))
                .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> keyed = lineWindows.withColumn("window_id", explode(col("window_ids"))).drop("window_ids");
        Dataset<Row> windows = keyed.groupBy("window_id").agg(
                functions.min(functions.struct(col("file"), col("line_number"))).as("first"),
                functions.max(functions.struct(col("file"), col("line_number"))).as("last"),
                functions.min("time_ms").as("start_ms"), functions.max("time_ms").as("end_ms"),
                functions.sort_array(functions.collect_list(functions.struct(col("file"), col("line_number"),
                        col("event_index")))).as("ordered"),
                functions.max("line_label").as("line_label"));
        if (options.labels() != null) {
            Dataset<Row> labels = spark.read().option("header", "true").csv(options.labels());
            if (labels.columns().length < 2) {
                throw new IllegalArgumentException("Cannot read labels " + options.labels() + ": expected a header and"
                        + " two columns, key and label (Normal/Anomaly), found " + String.join(",", labels.columns()));
            }
            labels = labels.select(col(labels.columns()[0]).as("label_key"),
                    when(functions.lower(col(labels.columns()[1])).isin("anomaly", "abnormal", "1", "true"), lit(1))
                            .otherwise(lit(0)).as("file_label"));
            windows = windows.join(labels, windows.col("window_id").equalTo(labels.col("label_key")), "left")
                    .drop("label_key");
        } else {
            windows = windows.withColumn("file_label", lit(null).cast(DataTypes.IntegerType));
        }
        Column start = col("start_ms");
        Column order = functions.coalesce(start, lit(Long.MIN_VALUE));
        Column split;
        Dataset<Row> cached = null;
        if ("chronological".equals(options.split())) {
            // rank by a distributed sort and zipWithIndex: a percent_rank window would pull every window of the
            // system into one partition
            windows = windows.cache();
            cached = windows;
            long n = Math.max(1, windows.count());
            org.apache.spark.api.java.JavaRDD<Row> positions = windows.orderBy(order, col("first.file"),
                    col("first.line_number"), col("window_id")).select("window_id").toJavaRDD().zipWithIndex()
                    .map(p -> RowFactory.create(p._1().getString(0), p._2() / (double) n));
            Dataset<Row> ranked = spark.createDataFrame(positions, new org.apache.spark.sql.types.StructType()
                    .add("window_id", DataTypes.StringType).add("position", DataTypes.DoubleType));
            windows = windows.join(ranked, "window_id");
        } else {
            windows = windows.withColumn("position", functions.pmod(functions.xxhash64(col("window_id"),
                    lit(options.seed())), lit(1_000_000L)).divide(1e6));
        }
        split = when(col("position").lt(options.trainFraction()), lit("train"))
                .when(col("position").lt(options.trainFraction() + options.validationFraction()), lit("validation"))
                .otherwise(lit("test"));
        Dataset<Row> sequences = windows.select(lit(options.window().cliName()).as("window_kind"), col("window_id"),
                col("first.file").as("file"), col("first.line_number").as("first_line"),
                col("last.line_number").as("last_line"),
                functions.timestamp_millis(col("start_ms")).as("start_time"),
                functions.timestamp_millis(col("end_ms")).as("end_time"),
                expr("transform(ordered, e -> e.event_index)").as("events"),
                functions.size(col("ordered")).as("length"),
                functions.coalesce(col("file_label"), col("line_label")).as("label"), split.as("split"));

        StagedTable sequencesTable = warehouse.stagePartition(TableSchemas.LOG_SEQUENCES, TableSchemas.SYSTEM, system);
        StagedTable vocabularyStaged = warehouse.stagePartition(TableSchemas.LOG_VOCABULARY, TableSchemas.SYSTEM,
                system);
        staged.add(sequencesTable);
        staged.add(vocabularyStaged);
        steps.step("write log_sequences of " + system);
        sequences.write().parquet(sequencesTable.writeLocation());
        vocabularyTable.drop(TableSchemas.SYSTEM).coalesce(1).write().parquet(vocabularyStaged.writeLocation());

        if (cached != null) {
            cached.unpersist();
        }
        steps.step("count windows of " + system);
        Dataset<Row> written = spark.read().parquet(sequencesTable.writeLocation());
        Map<String, Long> bySplit = new LinkedHashMap<>();
        long windowCount = 0;
        for (Row r : written.groupBy("split").count().orderBy("split").collectAsList()) {
            bySplit.put(r.getString(0), r.getLong(1));
            windowCount += r.getLong(1);
        }
        if (windowCount == 0) {
            throw new IllegalArgumentException("Cannot build " + options.window().cliName() + " windows of system '"
                    + system + "': " + noWindowReason() + "; nothing written");
        }
        Row labelled = written.agg(functions.count("label"), functions.sum("label")).first();
        Long anomalous = labelled.getLong(0) == 0 ? null : labelled.getLong(1);
        long withoutWindow = lineWindows.filter(functions.size(col("window_ids")).equalTo(0)).count();
        lineWindows.unpersist();
        LOG.info("{}: {} {} windows ({}), {} anomalous, {} of {} lines in no window", system, windowCount,
                options.window().cliName(), bySplit, anomalous == null ? "no labels" : anomalous, withoutWindow,
                lineCount);
        return new SystemResult(system, lineCount, withoutWindow, windowCount, anomalous, bySplit, vocabulary.size());
    }

    private String noWindowReason() {
        return switch (options.window()) {
            case SESSION -> options.sessionKey() != null ? "no line's Content matches --session-key '"
                    + options.sessionKey() + "'" : "no line has the header field '" + options.sessionField() + "'";
            case TIME -> "no line has a time this job can read (Timestamp, or Date and Time header fields)";
            default -> "no lines";
        };
    }

    /** The ids of the windows each line is in (none: an empty array), without nulls or empty ids. */
    private Column windowIds(Dataset<Row> events) {
        Column position = col("line_number").minus(1);
        Column ids = switch (options.window()) {
            case SESSION -> options.sessionKey() != null
                    ? array_distinct(functions.regexp_extract_all(col("content"), lit(options.sessionKey()), lit(0)))
                    : functions.array(col("fields").getItem(options.sessionField()));
            case FIXED -> functions.array(concat(col("file"), lit("#"),
                    floor(position.divide(options.size())).cast(DataTypes.StringType)));
            case SLIDING -> {
                int size = options.size();
                int step = options.step();
                UDF3<Long, Integer, Integer, long[]> sliding = (index, n, s) -> WindowKind.slidingWindows(index, n, s);
                Column windows = functions.udf(sliding, DataTypes.createArrayType(DataTypes.LongType))
                        .apply(position, lit(size), lit(step));
                yield functions.transform(windows, w -> concat(col("file"), lit("#"), w.cast(DataTypes.StringType)));
            }
            case TIME -> {
                long ms = options.durationSeconds() * 1000;
                yield functions.array(functions.date_format(functions.timestamp_millis(floor(col("time_ms")
                        .divide(ms)).multiply(ms)), "yyyy-MM-dd'T'HH:mm:ss"));
            }
        };
        return functions.array_remove(functions.array_compact(ids), lit(""));
    }
}
