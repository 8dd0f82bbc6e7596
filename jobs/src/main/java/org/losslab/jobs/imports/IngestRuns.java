package org.losslab.jobs.imports;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.SerializableConfiguration;
import org.losslab.common.runs.imports.CsvRuns;
import org.losslab.common.runs.imports.HfTrainerState;
import org.losslab.common.runs.imports.ImportReject;
import org.losslab.common.runs.imports.ImportedRun;
import org.losslab.common.runs.imports.LightningCsv;
import org.losslab.common.runs.imports.MetricColumns;
import org.losslab.common.runs.imports.MlflowRun;
import org.losslab.common.runs.imports.TensorBoardRun;
import org.losslab.jobs.imports.RunSources.Format;
import org.losslab.jobs.imports.RunSources.Source;
import org.losslab.jobs.warehouse.TableSchemas;
import org.losslab.jobs.warehouse.Warehouse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import scala.collection.JavaConverters;

/**
 * {@code ingest-runs}: other frameworks' training logs into {@code runs} and {@code run_metrics}, so that
 * aggregate, the scaling fits, grokking and the report work on them as on runs trained here. The driver lists the
 * sources ({@link RunSources}); a Spark job reads and parses them, one task per slice of sources; unreadable records
 * go to {@code run_import_rejects} with the file, offset or line and reason. Each imported run replaces its own
 * partitions (its id is a hash of the format, the source and the framework's run id), so ingesting the same files
 * again changes nothing.
 */
public final class IngestRuns {
    private static final Logger LOG = LoggerFactory.getLogger(IngestRuns.class);

    /**
     * What to read and how to complete what logs lack: N for every run ({@code paramCount}) or from a
     * hyperparameter or logged metric ({@code paramsFrom}); examples per step ({@code examplesPerStep}, or from a
     * hyperparameter: {@code examplesFrom}) for logs without examples seen, so that D = step x that.
     */
    public record Options(String warehouse, Format format, List<String> inputs, String sweepId, Long paramCount,
            String paramsFrom, Long examplesPerStep, String examplesFrom, List<String> map, String runColumn,
            String stepColumn) implements Serializable {
        private static final long serialVersionUID = 1L;

        public Options {
            requireNonNull(warehouse, "warehouse");
            requireNonNull(format, "format");
            if (inputs == null || inputs.isEmpty()) {
                throw new IllegalArgumentException("Give the logs to ingest with --input");
            }
            inputs = List.copyOf(inputs);
            map = map == null ? List.of() : List.copyOf(map);
            if (paramCount != null && paramsFrom != null) {
                throw new IllegalArgumentException("Give --param-count or --params-from, not both");
            }
            if (examplesPerStep != null && examplesFrom != null) {
                throw new IllegalArgumentException("Give --examples-per-step or --examples-from, not both");
            }
            MetricColumns.withOverrides(map); // fails early on a bad --map
        }
    }

    /** One imported run as listed to the user. */
    public record Imported(String runId, String name, String source, String status, long steps, Long params,
            Long examplesSeen, long records, long rejected) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * The runs imported, how many steps, the records their sources held and the rejected ones by reason (a source
     * that could not be read at all counts one rejected record and no run).
     */
    public record Result(int sources, List<Imported> runs, long steps, long records, long rejected,
            Map<String, Long> rejectsByReason, Map<String, String> tables) {
    }

    /** What reading one source gave: its runs, and the rejects of a source that could not be read at all. */
    record Outcome(List<ImportedRun> runs, List<Row> unreadable) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    private final Options options;

    public IngestRuns(Options options) {
        this.options = requireNonNull(options, "options");
    }

    public Result run(SparkSession spark) {
        Warehouse warehouse = Warehouse.open(spark, options.warehouse());
        List<Source> sources = RunSources.find(spark.sparkContext().hadoopConfiguration(), options.format(),
                options.inputs());
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("No " + options.format().cliName() + " runs under " + options.inputs()
                    + " (" + expected(options.format()) + ")");
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<SerializableConfiguration> conf = jsc.broadcast(
                new SerializableConfiguration(spark.sparkContext().hadoopConfiguration()));
        Options opts = options;
        spark.sparkContext().setJobDescription("ingest-runs: read " + sources.size() + " "
                + options.format().cliName() + " sources");
        int slices = Math.max(1, Math.min(sources.size(), spark.sparkContext().defaultParallelism() * 4));
        JavaRDD<Outcome> outcomes = jsc.parallelize(sources, slices)
                .map(source -> read(source, conf.value().value(), opts))
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            List<Imported> imported = outcomes.flatMap(o -> o.runs().stream().map(IngestRuns::listed).iterator())
                    .collect();
            List<Warehouse.StagedTable> staged = new ArrayList<>();
            Map<String, List<String>> empty = new LinkedHashMap<>();
            List<String> runIds = imported.stream().map(Imported::runId).distinct().toList();
            if (imported.size() != runIds.size()) {
                throw new IllegalArgumentException("Two sources give the same run id: " + duplicates(imported));
            }
            staged.addAll(write(spark, warehouse, TableSchemas.RUNS, TableSchemas.RUNS_SCHEMA,
                    outcomes.flatMap(o -> o.runs().stream().map(r -> runRow(r, opts)).iterator()), runIds, empty));
            staged.addAll(write(spark, warehouse, TableSchemas.RUN_METRICS, TableSchemas.RUN_METRICS_SCHEMA,
                    outcomes.flatMap(o -> o.runs().stream().flatMap(r -> metricRows(r, opts).stream()).iterator()),
                    runIds, empty));
            JavaRDD<Row> rejects = outcomes.flatMap(o -> {
                List<Row> rows = new ArrayList<>(o.unreadable());
                for (ImportedRun r : o.runs()) {
                    for (ImportReject j : r.rejects()) {
                        rows.add(RowFactory.create(r.format(), j.file(), j.offset(), j.line(), j.reason(), j.detail(),
                                r.runId()));
                    }
                }
                return rows.iterator();
            }).persist(StorageLevel.MEMORY_AND_DISK());
            List<Row> reasons = rejects.map(r -> RowFactory.create(r.getString(4), r.getString(6))).collect();
            Map<String, Long> byReason = new TreeMap<>();
            java.util.Set<String> rejectRuns = new java.util.TreeSet<>(runIds);
            for (Row r : reasons) {
                byReason.merge(r.getString(0), 1L, Long::sum);
                rejectRuns.add(r.getString(1));
            }
            staged.addAll(write(spark, warehouse, TableSchemas.RUN_IMPORT_REJECTS,
                    TableSchemas.RUN_IMPORT_REJECTS_SCHEMA, rejects, List.copyOf(rejectRuns), empty));
            if (!warehouse.exists(TableSchemas.RUN_IMPORT_REJECTS)
                    && staged.stream().noneMatch(t -> t.name().equals(TableSchemas.RUN_IMPORT_REJECTS))) {
                // a clean first import still creates the (empty) table, so that queries and notebooks find it
                Warehouse.StagedTable table = warehouse.stage(TableSchemas.RUN_IMPORT_REJECTS);
                spark.createDataFrame(List.of(), TableSchemas.RUN_IMPORT_REJECTS_SCHEMA).write()
                        .partitionBy(TableSchemas.RUN_ID).parquet(table.location());
                staged.add(table);
            }
            warehouse.commit(staged);
            // what an earlier import of these runs left (rejects since fixed, steps since lost) goes too
            empty.forEach((table, ids) -> ids.forEach(id -> warehouse.dropPartition(table, TableSchemas.RUN_ID, id)));
            rejects.unpersist(false);
            long steps = imported.stream().mapToLong(Imported::steps).sum();
            long rejected = byReason.values().stream().mapToLong(Long::longValue).sum();
            LOG.info("ingest-runs: {} {} sources, {} runs, {} steps, {} records rejected {}", sources.size(),
                    options.format().cliName(), imported.size(), steps, rejected, byReason);
            Map<String, String> tables = new LinkedHashMap<>();
            for (String t : List.of(TableSchemas.RUNS, TableSchemas.RUN_METRICS, TableSchemas.RUN_IMPORT_REJECTS)) {
                tables.put(t, warehouse.tablePath(t).toString());
            }
            long records = imported.stream().mapToLong(Imported::records).sum();
            return new Result(sources.size(), imported, steps, records, rejected, byReason, tables);
        } finally {
            outcomes.unpersist(false);
            spark.sparkContext().setJobDescription(null);
        }
    }

    /**
     * Writes the rows partitioned by run id into one staging folder; one staged partition per run that has rows.
     * The runs of {@code runIds} without rows get their live partition dropped after the commit ({@link #empty}).
     */
    private static List<Warehouse.StagedTable> write(SparkSession spark, Warehouse warehouse, String table,
            StructType schema, JavaRDD<Row> rows, List<String> runIds, Map<String, List<String>> empty) {
        Warehouse.StagedTable folder = warehouse.stage(table);
        spark.createDataFrame(rows, schema).write().partitionBy(TableSchemas.RUN_ID).parquet(folder.location());
        List<Warehouse.StagedTable> staged = new ArrayList<>();
        try {
            FileSystem fs = folder.path().getFileSystem(spark.sparkContext().hadoopConfiguration());
            for (String runId : runIds) {
                String partition = TableSchemas.RUN_ID + "=" + runId;
                if (fs.exists(new Path(folder.path(), partition))) {
                    staged.add(new Warehouse.StagedTable(table, folder.path(), partition));
                } else {
                    empty.computeIfAbsent(table, t -> new ArrayList<>()).add(runId);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return staged;
    }

    /** Reads one source on an executor; a source that cannot be read at all becomes one reject. */
    static Outcome read(Source source, org.apache.hadoop.conf.Configuration conf, Options options) {
        MetricColumns columns = MetricColumns.withOverrides(options.map());
        Map<String, byte[]> bytes = new TreeMap<>();
        try {
            for (Map.Entry<String, String> f : source.files().entrySet()) {
                Path path = new Path(f.getValue());
                try (InputStream in = path.getFileSystem(conf).open(path)) {
                    bytes.put(f.getKey(), in.readAllBytes());
                }
            }
            List<ImportedRun> runs = switch (source.format()) {
                case TENSORBOARD -> List.of(TensorBoardRun.read(source.location(), bytes, columns));
                case MLFLOW -> List.of(MlflowRun.read(source.location(), bytes, columns));
                case HF_TRAINER -> List.of(HfTrainerState.read(source.location(), bytes.get("trainer_state.json"),
                        bytes.get("config.json"), columns));
                case LIGHTNING_CSV -> List.of(LightningCsv.read(source.location(), bytes.get("metrics.csv"),
                        bytes.get("hparams.yaml"), columns));
                case CSV -> CsvRuns.read(source.location(), bytes.values().iterator().next(), options.runColumn(),
                        options.stepColumn(), columns);
            };
            return new Outcome(runs.stream().map(r -> complete(r, options)).toList(), List.of());
        } catch (IOException | RuntimeException e) {
            String runId = ImportedRun.runId(source.format().cliName(), source.location(), null);
            return new Outcome(List.of(), List.of(RowFactory.create(source.format().cliName(), source.location(), null,
                    null, "unreadable", String.valueOf(e.getMessage()), runId)));
        }
    }

    /** N and D from the options where the log does not give them. */
    static ImportedRun complete(ImportedRun run, Options options) {
        Long params = run.params();
        Map<String, String> hyper = new TreeMap<>(run.hyperparameters());
        if (options.paramCount() != null) {
            params = options.paramCount();
            hyper.put("params_from", "--param-count");
        } else if (options.paramsFrom() != null) {
            Double value = number(run, options.paramsFrom());
            params = value == null ? null : Math.round(value);
            hyper.put("params_from", options.paramsFrom());
        }
        Double perStep = options.examplesPerStep() != null ? Double.valueOf(options.examplesPerStep())
                : options.examplesFrom() != null ? number(run, options.examplesFrom()) : null;
        List<ImportedRun.Step> steps = run.steps();
        if (perStep != null) {
            steps = steps.stream().map(s -> s.examplesSeen() != null ? s : new ImportedRun.Step(s.step(),
                    s.trainLoss(), s.valLoss(), s.learningRate(), Math.round(s.step() * perStep), s.wallMs(),
                    s.trainAccuracy(), s.valAccuracy(), s.epoch())).toList();
            hyper.put("examples_per_step", Double.toString(perStep));
        }
        return run.with(params, hyper, steps);
    }

    /** A hyperparameter's value, else the last logged value of a metric by that name; null when neither. */
    private static Double number(ImportedRun run, String key) {
        String text = run.hyperparameters().get(key);
        if (text != null) {
            try {
                return Double.parseDouble(text.strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return run.lastValues().get(key);
    }

    private static Imported listed(ImportedRun run) {
        Long examples = null;
        for (ImportedRun.Step s : run.steps()) {
            if (s.examplesSeen() != null) {
                examples = s.examplesSeen();
            }
        }
        return new Imported(run.runId(), run.name(), run.source(), run.status(), run.steps().size(), run.params(),
                examples, run.records(), run.rejects().size());
    }

    private static Row runRow(ImportedRun run, Options options) {
        Map<String, String> hyper = new TreeMap<>(run.hyperparameters());
        hyper.put("imported_name", run.name() == null ? "" : run.name());
        if (run.frameworkRunId() != null) {
            hyper.put("framework_run_id", run.frameworkRunId());
        }
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("sweep_id", options.sweepId());
        v.put("task", "imported");
        v.put("model", hyper.getOrDefault("config.model_type", run.format()));
        v.put("params", run.params());
        v.put("train_examples", null);
        v.put("status", run.status());
        v.put("failure_reason", ImportedRun.FAILED.equals(run.status()) ? "failed or killed in " + run.format()
                : null);
        v.put("width", integer(hyper, "width", "hidden_size", "config.hidden_size", "d_model", "config.d_model"));
        v.put("depth", integer(hyper, "depth", "num_layers", "n_layers", "config.num_hidden_layers", "config.n_layer"));
        v.put("epochs", integer(hyper, "epochs", "max_epochs", "num_train_epochs"));
        v.put("batch_size_per_worker", integer(hyper, "batch_size", "per_device_train_batch_size",
                "train_batch_size"));
        v.put("workers", null);
        v.put("averaging_frequency", null);
        v.put("learning_rate", decimal(hyper, "learning_rate", "lr"));
        v.put("lr_schedule", hyper.getOrDefault("lr_scheduler_type", null));
        v.put("warmup_steps", integer(hyper, "warmup_steps"));
        v.put("weight_decay", decimal(hyper, "weight_decay", "wd"));
        v.put("class_weighting", null);
        Integer seed = integer(hyper, "seed");
        v.put("seed", seed == null ? null : seed.longValue());
        v.put("hyperparameters", JavaConverters.mapAsScalaMap(hyper));
        v.put("spark_master", null);
        v.put("backend", null);
        v.put("checkpoint", null);
        v.put("started_at", run.startedAtMillis() == null ? null : new Timestamp(run.startedAtMillis()));
        v.put("ended_at", run.endedAtMillis() == null || !ImportedRun.FINISHED.equals(run.status()) ? null
                : new Timestamp(run.endedAtMillis()));
        v.put("app_id", null);
        v.put("driver_host", null);
        v.put("driver_pid", null);
        v.put("heartbeat_at", null);
        v.put("accelerators", null);
        v.put("source", run.format() + ":" + run.source());
        v.put(TableSchemas.RUN_ID, run.runId());
        return TableSchemas.row(TableSchemas.RUNS_SCHEMA, v);
    }

    private static List<Row> metricRows(ImportedRun run, Options options) {
        List<Row> rows = new ArrayList<>(run.steps().size());
        for (ImportedRun.Step s : run.steps()) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("step", s.step());
            v.put("epoch", s.epoch());
            v.put("examples_seen", s.examplesSeen());
            v.put("learning_rate", s.learningRate());
            v.put("train_loss", s.trainLoss());
            v.put("train_loss_min", null);
            v.put("train_loss_max", null);
            v.put("train_loss_std", null);
            v.put("workers", null);
            v.put("val_loss", s.valLoss());
            v.put("val_accuracy", s.valAccuracy());
            v.put("wall_ms", s.wallMs());
            v.put("eval_train_loss", null);
            v.put("train_accuracy", s.trainAccuracy());
            v.put("weight_norm", null);
            v.put("sc_fraction", null);
            v.put(TableSchemas.RUN_ID, run.runId());
            rows.add(TableSchemas.row(TableSchemas.RUN_METRICS_SCHEMA, v));
        }
        return rows;
    }

    private static Integer integer(Map<String, String> hyper, String... keys) {
        Double d = decimal(hyper, keys);
        return d == null || d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE ? null : d.intValue();
    }

    private static Double decimal(Map<String, String> hyper, String... keys) {
        for (String key : keys) {
            String text = hyper.get(key);
            if (text != null) {
                try {
                    return Double.parseDouble(text.strip());
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static String duplicates(List<Imported> runs) {
        Map<String, List<String>> byId = new TreeMap<>();
        runs.forEach(r -> byId.computeIfAbsent(r.runId(), k -> new ArrayList<>()).add(r.source()));
        return byId.values().stream().filter(s -> s.size() > 1).toList().toString();
    }

    private static String expected(Format format) {
        return switch (format) {
            case TENSORBOARD -> "files named events.out.tfevents.*";
            case MLFLOW -> "run folders with meta.yaml and metrics/ or params/";
            case HF_TRAINER -> "files named trainer_state.json";
            case LIGHTNING_CSV -> "files named metrics.csv";
            case CSV -> "files ending .csv";
        };
    }
}
