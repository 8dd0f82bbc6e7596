package org.losslab.jobs.logs;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.losslab.common.io.SplitLineIndex;
import org.losslab.common.logs.LayoutInference;
import org.losslab.common.logs.LogFormat;
import org.losslab.common.logs.LogTemplate;
import org.losslab.common.logs.TemplateMiner;
import org.losslab.common.logs.TemplateModel;
import org.losslab.common.logs.TemplateStyle;
import org.losslab.jobs.spark.JobSteps;
import org.losslab.jobs.warehouse.DriverParquet;
import org.losslab.jobs.warehouse.TableSchemas;
import org.losslab.jobs.warehouse.Warehouse;
import org.losslab.jobs.warehouse.Warehouse.StagedTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingests one system's logs into {@code log_lines}, {@code log_templates} and {@code log_rejects} (each
 * partitioned by system; the ingest replaces its system's partitions only).
 *
 * <p>Template mining runs distributed in two passes over the input: pass 1 summarises each partition
 * (template statistics, line counts per split) and the driver merges the summaries and mines one model;
 * pass 2 gives every line its line number and the merged template's id and variables. The result does not
 * depend on the partitioning. Lines that do not fit the header layout go to {@code log_rejects}, collected
 * by a third pass only when pass 1 counted any.
 */
public final class IngestLogs {
    private static final Logger LOG = LoggerFactory.getLogger(IngestLogs.class);

    /** What to ingest. {@code layout} null: the built-in layout of {@code system}. */
    public record Options(String warehouse, String system, List<String> input, String layout, String lineColumn,
            TemplateStyle style) {
        public Options {
            requireNonNull(warehouse, "warehouse");
            requireNonNull(system, "system");
            if (input == null || input.isEmpty()) {
                throw new IllegalArgumentException("Cannot ingest logs: no input given");
            }
            lineColumn = lineColumn == null ? "line" : lineColumn;
            style = style == null ? TemplateStyle.LOGHUB : style;
        }

        /** Templates written in the default style, {@link TemplateStyle#LOGHUB}. */
        public Options(String warehouse, String system, List<String> input, String layout, String lineColumn) {
            this(warehouse, system, input, layout, lineColumn, TemplateStyle.LOGHUB);
        }
    }

    /**
     * What the ingest did; {@code linesIn == linesWritten + linesRejected}. {@code inferred}: how the layout was
     * inferred ({@code --layout auto}), else null.
     */
    public record Result(String system, String layout, LayoutInference.Result inferred, int files, long linesIn,
            long linesWritten, long linesRejected, Map<String, Long> rejectsByReason, int templates,
            Map<String, String> tables) {
    }

    /** The {@code --layout} value that infers the layout from the input's first lines. */
    public static final String AUTO = "auto";
    /** Lines the layout is inferred from: the first ones of the input. */
    static final int LAYOUT_SAMPLE = 1000;

    private LayoutInference.Result inferLayout(SparkSession spark, LogInput input) {
        List<String> sample = input.lines(spark).select("value").limit(LAYOUT_SAMPLE).as(Encoders.STRING())
                .collectAsList();
        try {
            LayoutInference.Result inferred = LayoutInference.infer(sample);
            LOG.info("{}: inferred layout '{}' from {} lines; {} of them have its header ({})", options.system(),
                    inferred.layout(), inferred.sampled(), inferred.fitting(), inferred.columns());
            return inferred;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Cannot infer a layout for " + options.system() + " from "
                    + options.input() + ": " + e.getMessage(), e);
        }
    }

    /** The mined model and the per-line output of pass 2, before anything is written. */
    record Parsed(LogFormat format, TemplateModel model, LogPassOne summary, Dataset<Row> lines,
            Dataset<Row> rejects) {
    }

    private final Options options;

    public IngestLogs(Options options) {
        this.options = requireNonNull(options, "options");
    }

    /** The layout for the options: the user's, or the system's built-in one (unknown name: a clear error). */
    static LogFormat format(String system, String layout) {
        if (layout != null && !layout.isBlank()) {
            return LogFormat.compile(layout);
        }
        try {
            return LogFormat.builtin(system);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Cannot ingest logs of system '" + system + "': no built-in layout"
                    + " (built-in: " + LogFormat.builtinLayouts().keySet() + "); give one with --layout", e);
        }
    }

    /** Passes 1 and 2 (and the rejects pass) as Datasets; nothing is written. */
    static Parsed parse(SparkSession spark, LogFormat format, String system, LogInput input, JobSteps steps) {
        return parse(spark, format, system, input, steps, TemplateStyle.LOGHUB);
    }

    static Parsed parse(SparkSession spark, LogFormat format, String system, LogInput input, JobSteps steps,
            TemplateStyle style) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Dataset<Row> lines = input.lines(spark);
        steps.step("pass 1: template statistics of " + system);
        LogPassOne summary = lines.toJavaRDD().mapPartitions(LogPassOne.collect(format)).reduce(LogPassOne::merge);
        TemplateModel model = TemplateMiner.mine(summary.statistics());
        LOG.info("{}: {} lines, {} templates mined", system, summary.lines(), model.templateCount());
        Broadcast<TemplateModel> broadcastModel = jsc.broadcast(model);
        Broadcast<SplitLineIndex> lineIndex = jsc.broadcast(SplitLineIndex.of(summary.splits()));
        Dataset<Row> parsed = lines.mapPartitions(new LogPassTwo(format, broadcastModel, lineIndex,
                input.displayNames(), system, false, style), Encoders.row(TableSchemas.LOG_LINES_SCHEMA));
        Dataset<Row> rejects = summary.rejected() == 0
                ? spark.createDataFrame(List.of(), TableSchemas.LOG_REJECTS_SCHEMA)
                : lines.mapPartitions(new LogPassTwo(format, null, lineIndex, input.displayNames(), system, true,
                        style),
                        Encoders.row(TableSchemas.LOG_REJECTS_SCHEMA));
        return new Parsed(format, model, summary, parsed, rejects);
    }

    /** Both passes over one input into Spark's no-op sink, for benchmarks: the ingest's work minus Parquet. */
    public static long parseWithoutWriting(SparkSession spark, String system, String input) {
        Parsed parsed = parseBuiltin(spark, system, input, "ingest-logs (no write)");
        parsed.lines().write().format("noop").mode("overwrite").save();
        return parsed.summary().lines();
    }

    /**
     * For benchmarks: runs pass 1 and the mining of one input now (built-in layout) and returns pass 2, the
     * {@code log_lines} rows, unexecuted: each action on it reads the input once with the model already mined.
     */
    public static Dataset<Row> passTwo(SparkSession spark, String system, String input) {
        return parseBuiltin(spark, system, input, "ingest-logs (benchmark)").lines();
    }

    private static Parsed parseBuiltin(SparkSession spark, String system, String input, String job) {
        return parse(spark, format(system, null), system, LogInput.of(spark, List.of(input), "line"),
                new JobSteps(spark, job, LOG));
    }

    public Result run(SparkSession spark) {
        LogInput input = LogInput.of(spark, options.input(), options.lineColumn());
        LayoutInference.Result inferred = AUTO.equalsIgnoreCase(options.layout()) ? inferLayout(spark, input) : null;
        LogFormat format = inferred != null ? LogFormat.compile(inferred.layout())
                : format(options.system(), options.layout());
        Warehouse warehouse = Warehouse.open(spark, options.warehouse());
        JobSteps steps = new JobSteps(spark, "ingest-logs", LOG);
        StagedTable linesTable = warehouse.stagePartition(TableSchemas.LOG_LINES, TableSchemas.SYSTEM,
                options.system());
        StagedTable templatesTable = warehouse.stagePartition(TableSchemas.LOG_TEMPLATES, TableSchemas.SYSTEM,
                options.system());
        StagedTable rejectsTable = warehouse.stagePartition(TableSchemas.LOG_REJECTS, TableSchemas.SYSTEM,
                options.system());
        List<StagedTable> staged = List.of(linesTable, templatesTable, rejectsTable);
        try {
            Parsed parsed = parse(spark, format, options.system(), input, steps, options.style());
            LogPassOne summary = parsed.summary();
            Configuration conf = spark.sparkContext().hadoopConfiguration();
            // the small tables are written on the driver: a Spark job each would cost more than their rows
            steps.step("write log_templates and log_rejects of " + options.system());
            List<Row> templates = new ArrayList<>();
            for (LogTemplate t : parsed.model().templates()) {
                String text = options.style().template(t.template());
                templates.add(RowFactory.create(t.id(), text, t.count(), variableCount(text)));
            }
            DriverParquet.write(conf, new Path(templatesTable.writeLocation()),
                    TableSchemas.withoutColumn(TableSchemas.LOG_TEMPLATES_SCHEMA, TableSchemas.SYSTEM), templates);
            if (summary.rejected() == 0) {
                // written even when empty: a file with the schema keeps the table readable
                DriverParquet.write(conf, new Path(rejectsTable.writeLocation()),
                        TableSchemas.withoutColumn(TableSchemas.LOG_REJECTS_SCHEMA, TableSchemas.SYSTEM), List.of());
            } else {
                parsed.rejects().drop(TableSchemas.SYSTEM).coalesce(1).write().parquet(rejectsTable.writeLocation());
            }
            steps.step("pass 2: write log_lines of " + options.system());
            // one system per ingest: each table's rows go straight into its partition folder
            parsed.lines().drop(TableSchemas.SYSTEM).write().parquet(linesTable.writeLocation());

            steps.step("reconcile and commit");
            // counted from the written files' footers: what is on disk, without a Spark job per table
            long written = DriverParquet.rowCount(conf, new Path(linesTable.writeLocation()));
            long rejected = DriverParquet.rowCount(conf, new Path(rejectsTable.writeLocation()));
            if (summary.lines() != written + rejected || rejected != summary.rejected()) {
                throw new IllegalStateException(String.format("Cannot commit the logs of %s: counts do not"
                        + " reconcile (lines in %d, written %d, rejected %d, counted rejects %d); previous tables"
                        + " kept", options.system(), summary.lines(), written, rejected, summary.rejected()));
            }
            warehouse.commit(staged);
            Map<String, String> tables = new LinkedHashMap<>();
            for (StagedTable table : staged) {
                tables.put(table.name(), warehouse.tablePath(table.name()).toString());
            }
            return new Result(options.system(), format.layout(), inferred, input.fileCount(), summary.lines(),
                    written, rejected, summary.rejectsByReason(), parsed.model().templateCount(), tables);
        } catch (Exception e) { // Spark rethrows checked exceptions (SparkException) undeclared
            warehouse.abort(staged);
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("Cannot ingest the logs of " + options.system()
                    + ", previous tables kept: " + e.getMessage(), e);
        } finally {
            steps.done();
        }
    }

    static int variableCount(String template) {
        int count = 0;
        for (int i = template.indexOf("<*>"); i >= 0; i = template.indexOf("<*>", i + 3)) {
            count++;
        }
        return count;
    }
}
