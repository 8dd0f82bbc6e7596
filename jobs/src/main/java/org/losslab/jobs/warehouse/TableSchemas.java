package org.losslab.jobs.warehouse;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.ByteType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.FloatType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The schemas of every warehouse table, declared once. Stages write exactly these schemas and other tools
 * (notebooks, Airflow checks) may rely on the column names.
 */
public final class TableSchemas {
    private TableSchemas() {
    }

    public static final String PLASTICC_OBSERVATIONS = "plasticc_observations";
    public static final String PLASTICC_OBJECTS = "plasticc_objects";
    public static final String PLASTICC_REJECTS = "plasticc_rejects";

    /**
     * Directory partition column of {@code plasticc_observations}: {@code object_id / 1,000,000}. Each
     * object's light curve lives in exactly one partition, so per-object stages can work one block at a time.
     */
    public static final String OBJECT_BLOCK = "object_block";
    public static final long OBJECT_BLOCK_WIDTH = 1_000_000L;

    /** One photometric point; partitioned by {@link #OBJECT_BLOCK}. */
    public static final StructType PLASTICC_OBSERVATIONS_SCHEMA = new StructType(new StructField[] {
            required("object_id", LongType),
            required("mjd", DoubleType),
            required("passband", ByteType),
            required("flux", FloatType),
            required("flux_err", FloatType),
            required("detected", BooleanType),
            required(OBJECT_BLOCK, IntegerType)});

    /** One object's metadata; {@code target} is null for test objects. */
    public static final StructType PLASTICC_OBJECTS_SCHEMA = new StructType(new StructField[] {
            required("object_id", LongType),
            required("ra", DoubleType),
            required("decl", DoubleType),
            required("gal_l", DoubleType),
            required("gal_b", DoubleType),
            required("ddf", BooleanType),
            nullable("hostgal_specz", DoubleType),
            required("hostgal_photoz", DoubleType),
            required("hostgal_photoz_err", DoubleType),
            nullable("distmod", DoubleType),
            required("mwebv", DoubleType),
            required("galactic", BooleanType),
            nullable("target", IntegerType),
            nullable("true_target", IntegerType)});

    /**
     * A quarantined input row: which table it was meant for, where it came from ({@code line}: 1-based line
     * of a text file, header included; {@code row_index}: 0-based row of a Parquet file), the reason code,
     * the column at fault and the raw row.
     */
    public static final StructType PLASTICC_REJECTS_SCHEMA = new StructType(new StructField[] {
            required("target_table", StringType),
            required("file", StringType),
            nullable("line", LongType),
            nullable("row_index", LongType),
            required("reason", StringType),
            nullable("column", StringType),
            required("detail", StringType),
            nullable("raw", StringType)});

    public static final String LOG_LINES = "log_lines";
    public static final String LOG_TEMPLATES = "log_templates";
    public static final String LOG_REJECTS = "log_rejects";
    /** Partition column of the log tables: an ingest replaces one system's partition, not the others. */
    public static final String SYSTEM = "system";

    /**
     * One log line: where it came from ({@code line_number}: 1-based line of a text file, or 1-based row of a
     * Parquet file), the raw line, its header fields by name, the anomaly label of BGL-style logs, the free
     * text Content, the id of its template in {@code log_templates} and the values of the template's
     * {@code <*>} variables in order. Partitioned by {@link #SYSTEM}.
     */
    public static final StructType LOG_LINES_SCHEMA = new StructType(new StructField[] {
            required("file", StringType),
            required("line_number", LongType),
            required("raw", StringType),
            required("fields", DataTypes.createMapType(StringType, StringType, true)),
            nullable("label", StringType),
            required("content", StringType),
            required("template_id", StringType),
            required("variables", DataTypes.createArrayType(StringType, false)),
            required(SYSTEM, StringType)});

    /** One mined template of a system: stable id (a hash of the text), the text with {@code <*>}, its lines. */
    public static final StructType LOG_TEMPLATES_SCHEMA = new StructType(new StructField[] {
            required("template_id", StringType),
            required("template", StringType),
            required("occurrences", LongType),
            required("variable_count", IntegerType),
            required(SYSTEM, StringType)});

    /** A log line that does not fit the header layout, with the reason and where the match failed. */
    public static final StructType LOG_REJECTS_SCHEMA = new StructType(new StructField[] {
            required("file", StringType),
            required("line_number", LongType),
            required("reason", StringType),
            required("detail", StringType),
            required("raw", StringType),
            required(SYSTEM, StringType)});

    public static final String LOG_SEQUENCES = "log_sequences";
    public static final String LOG_VOCABULARY = "log_vocabulary";
    public static final String LOG_ANOMALIES = "log_anomalies";
    public static final String ANOMALY_SCORES = "anomaly_scores";

    /**
     * One window of a system's log lines as a sequence of event indexes ({@code log_vocabulary}): how it was cut
     * ({@code window_kind}: session, fixed, sliding, time), its id (the session key, or file and window number, or
     * the interval start), the file and line numbers of its first and last line, its start and end time where the
     * header has one, the events in line order, their count, {@code label} 1 anomalous / 0 normal (null: the
     * system has no labels) and the split (train, validation, test). Partitioned by {@link #SYSTEM}.
     */
    public static final StructType LOG_SEQUENCES_SCHEMA = new StructType(new StructField[] {
            required("window_kind", StringType),
            required("window_id", StringType),
            required("file", StringType),
            required("first_line", LongType),
            required("last_line", LongType),
            nullable("start_time", DataTypes.TimestampType),
            nullable("end_time", DataTypes.TimestampType),
            required("events", DataTypes.createArrayType(IntegerType, false)),
            required("length", IntegerType),
            nullable("label", IntegerType),
            required("split", StringType),
            required(SYSTEM, StringType)});

    /**
     * A system's templates as event indexes: 1, 2, ... by falling frequency (ties by template id); index 0 stands
     * for a template unseen when the vocabulary was built. Partitioned by {@link #SYSTEM}.
     */
    public static final StructType LOG_VOCABULARY_SCHEMA = new StructType(new StructField[] {
            required("event_index", IntegerType),
            required("template_id", StringType),
            required("template", StringType),
            required("occurrences", LongType),
            required(SYSTEM, StringType)});

    /**
     * One test window scored by a run's next-event model: the largest surprisal of its events ({@code score},
     * nats), whether DeepLog's top-g rule flags it, how many events it flags, and the window's label.
     * Partitioned by {@link #RUN_ID}.
     */
    public static final StructType LOG_ANOMALIES_SCHEMA = new StructType(new StructField[] {
            required("system", StringType),
            required("window_id", StringType),
            required("score", DoubleType),
            required("flagged", DataTypes.BooleanType),
            required("abnormal_events", IntegerType),
            nullable("label", IntegerType),
            required("run_id", StringType)});

    /**
     * Detection quality of one method on a run's test windows: the model's top-g rule, the model's score with a
     * threshold chosen on validation, and the baselines (PCA residual, logistic regression), with precision,
     * recall, F1, the threshold used and the counts. Partitioned by {@link #RUN_ID}.
     */
    public static final StructType ANOMALY_SCORES_SCHEMA = new StructType(new StructField[] {
            required("system", StringType),
            required("window_kind", StringType),
            required("method", StringType),
            nullable("precision", DoubleType),
            nullable("recall", DoubleType),
            nullable("f1", DoubleType),
            nullable("threshold", DoubleType),
            required("test_windows", LongType),
            required("anomalous_test_windows", LongType),
            required("flagged_test_windows", LongType),
            required("run_id", StringType)});

    public static final String PLASTICC_FEATURES = "plasticc_features";
    public static final String RUNS = "runs";
    public static final String RUN_METRICS = "run_metrics";
    public static final String RUN_SUMMARY = "run_summary";
    /** Partition column of the run tables: each run writes (and rewrites) only its own partition. */
    public static final String RUN_ID = "run_id";

    /**
     * One object ready for training: its split (train/validation/test, by object id hash, stratified by class),
     * the light curve as a fixed-length channel-major sequence with its mask, metadata features, and summary
     * features for an MLP. {@code target_index} is the class's index among the 14 training classes (-1: none).
     */
    public static final StructType PLASTICC_FEATURES_SCHEMA = new StructType(new StructField[] {
            required("object_id", LongType),
            nullable("target", IntegerType),
            required("target_index", IntegerType),
            required("split", StringType),
            required("sequence", DataTypes.createArrayType(FloatType, false)),
            required("mask", DataTypes.createArrayType(FloatType, false)),
            required("metadata", DataTypes.createArrayType(FloatType, false)),
            required("summary", DataTypes.createArrayType(FloatType, false))});

    /**
     * One training run: identity, every hyperparameter (typed columns, and all of them as text in
     * {@code hyperparameters}), parameter count N ({@code params}), training examples D, the stack, the status
     * ({@code running}, {@code finished}, {@code failed} with {@code failure_reason}) and times. The owner of a
     * running run ({@code app_id}, {@code driver_host}, {@code driver_pid}) and its {@code heartbeat_at}
     * (rewritten about every minute while it trains) tell a later sweep whether a {@code running} row is alive
     * or was left behind by a dead driver. {@code accelerators}: the GPU addresses Spark gave the training tasks
     * (comma-separated; null without GPU scheduling). {@code source}: {@code losslab} for a run trained here, else
     * the format and the file or folder it was imported from ({@code ingest-runs}); an imported run has null in the
     * typed hyperparameter columns its log does not give (all its hyperparameters are in {@code hyperparameters}).
     */
    public static final StructType RUNS_SCHEMA = new StructType(new StructField[] {
            nullable("sweep_id", StringType),
            required("task", StringType),
            required("model", StringType),
            nullable("params", LongType),
            nullable("train_examples", LongType),
            required("status", StringType),
            nullable("failure_reason", StringType),
            nullable("width", IntegerType),
            nullable("depth", IntegerType),
            nullable("epochs", IntegerType),
            nullable("batch_size_per_worker", IntegerType),
            nullable("workers", IntegerType),
            nullable("averaging_frequency", IntegerType),
            nullable("learning_rate", DoubleType),
            nullable("lr_schedule", StringType),
            nullable("warmup_steps", IntegerType),
            nullable("weight_decay", DoubleType),
            nullable("class_weighting", StringType),
            nullable("seed", LongType),
            required("hyperparameters", DataTypes.createMapType(StringType, StringType, false)),
            nullable("spark_master", StringType),
            nullable("backend", StringType),
            nullable("checkpoint", StringType),
            nullable("started_at", DataTypes.TimestampType),
            nullable("ended_at", DataTypes.TimestampType),
            nullable("app_id", StringType),
            nullable("driver_host", StringType),
            nullable("driver_pid", LongType),
            nullable("heartbeat_at", DataTypes.TimestampType),
            nullable("accelerators", StringType),
            nullable("source", StringType),
            required(RUN_ID, StringType)});

    /**
     * One training step of a run (one minibatch on every worker): the mean of the workers' losses and their
     * spread, examples seen by all workers so far, the learning rate, validation figures on the steps where
     * they were evaluated, and the wall time since the run started. {@code train_loss} is DL4J's score of the
     * minibatch (the class-weighted cross-entropy the run optimises); {@code val_loss} is the same objective
     * on the validation split, so the two curves are comparable. Evaluated steps also carry the same loss and the
     * accuracy on the training set ({@code eval_train_loss}, {@code train_accuracy}: the whole set, or a fixed
     * sample of at most 4,096 examples for larger sets), the global L2 norm of all parameters
     * ({@code weight_norm}) and the Softmax Collapse fraction ({@code sc_fraction}: the share of those training
     * examples whose float32 probability of the true class is exactly 1). A run trained here fills every column
     * but the evaluation ones on every step; an imported run ({@code ingest-runs}) has null where its log has no
     * value at that step (a validation-only step has no {@code train_loss}).
     */
    public static final StructType RUN_METRICS_SCHEMA = new StructType(new StructField[] {
            required("step", LongType),
            nullable("epoch", IntegerType),
            nullable("examples_seen", LongType),
            nullable("learning_rate", DoubleType),
            nullable("train_loss", DoubleType),
            nullable("train_loss_min", DoubleType),
            nullable("train_loss_max", DoubleType),
            nullable("train_loss_std", DoubleType),
            nullable("workers", IntegerType),
            nullable("val_loss", DoubleType),
            nullable("val_accuracy", DoubleType),
            nullable("wall_ms", LongType),
            nullable("eval_train_loss", DoubleType),
            nullable("train_accuracy", DoubleType),
            nullable("weight_norm", DoubleType),
            nullable("sc_fraction", DoubleType),
            required(RUN_ID, StringType)});

    /** A finished run's results: validation losses and test metrics against the class-prior baseline. */
    public static final StructType RUN_SUMMARY_SCHEMA = new StructType(new StructField[] {
            nullable("best_val_loss", DoubleType),
            nullable("best_step", LongType),
            nullable("final_val_loss", DoubleType),
            nullable("final_train_loss", DoubleType),
            required("steps", LongType),
            nullable("test_weighted_log_loss", DoubleType),
            nullable("test_flat_log_loss", DoubleType),
            nullable("test_micro_roc_auc", DoubleType),
            nullable("test_micro_pr_auc", DoubleType),
            nullable("test_accuracy", DoubleType),
            nullable("prior_weighted_log_loss", DoubleType),
            required("test_examples", LongType),
            required("class_codes", DataTypes.createArrayType(IntegerType, false)),
            required("confusion_matrix", DataTypes.createArrayType(DataTypes.createArrayType(LongType, false), false)),
            nullable("top_k", IntegerType),
            nullable("val_top1_accuracy", DoubleType),
            nullable("val_topk_accuracy", DoubleType),
            nullable("val_cross_entropy", DoubleType),
            nullable("test_top1_accuracy", DoubleType),
            nullable("test_topk_accuracy", DoubleType),
            nullable("test_cross_entropy", DoubleType),
            nullable("test_events", LongType),
            required(RUN_ID, StringType)});

    public static final String RUN_IMPORT_REJECTS = "run_import_rejects";

    /**
     * A record of another framework's training log that {@code ingest-runs} could not read: the format, the file,
     * the byte offset (binary files) or 1-based line (text files) where known, the reason code and a detail; a file
     * that could not be read at all has the reason {@code unreadable}. Partitioned by the run it belongs to.
     */
    public static final StructType RUN_IMPORT_REJECTS_SCHEMA = new StructType(new StructField[] {
            required("format", StringType),
            required("file", StringType),
            nullable("offset", LongType),
            nullable("line", LongType),
            required("reason", StringType),
            required("detail", StringType),
            required(RUN_ID, StringType)});

    public static final String SWEEP_POINTS = "sweep_points";
    public static final String SCALING_FITS = "scaling_fits";
    /** Partition column of {@code sweep_points}: aggregating a sweep replaces only its own rows. */
    public static final String SWEEP_ID = "sweep_id";
    /** Partition column of {@code scaling_fits}: one partition per fit. */
    public static final String FIT_ID = "fit_id";

    /**
     * One finished run of a sweep as a point for scaling laws: N ({@code params}, the parameter count: the
     * networks have no embeddings), D ({@code examples_seen} by all workers), compute C = 6 N D, the final, best
     * and smoothed final validation losses (smoothed: mean of the last three evaluations), and the run's values
     * of the sweep's axes.
     */
    public static final StructType SWEEP_POINTS_SCHEMA = new StructType(new StructField[] {
            required(RUN_ID, StringType),
            required("model", StringType),
            required("params", LongType),
            required("examples_seen", LongType),
            required("compute", DoubleType),
            required("final_val_loss", DoubleType),
            required("best_val_loss", DoubleType),
            required("smoothed_final_val_loss", DoubleType),
            nullable("final_train_loss", DoubleType),
            nullable("train_examples", LongType),
            required("axis_values", DataTypes.createMapType(StringType, StringType, false)),
            required(SWEEP_ID, StringType)});

    /**
     * One fitted law: which law, what it was fitted on (a sweep id or a file), the parameters with their
     * bootstrap standard errors and 80%/95% intervals, the objective at the optimum and the points used.
     */
    public static final StructType SCALING_FITS_SCHEMA = new StructType(new StructField[] {
            required("law", StringType),
            required("source", StringType),
            required("parameters", DataTypes.createMapType(StringType, DoubleType, false)),
            required("standard_errors", DataTypes.createMapType(StringType, DoubleType, false)),
            required("interval_80", DataTypes.createMapType(StringType,
                    DataTypes.createArrayType(DoubleType, false), false)),
            required("interval_95", DataTypes.createMapType(StringType,
                    DataTypes.createArrayType(DoubleType, false), false)),
            required("objective", DoubleType),
            required("points", IntegerType),
            required("details", DataTypes.createMapType(StringType, StringType, false)),
            required("fitted_at", DataTypes.TimestampType),
            required(FIT_ID, StringType)});

    public static final String GROKKING_METRICS = "grokking_metrics";
    public static final String GROKKING_REGRESSION = "grokking_regression";
    /** Partition column of {@code grokking_regression}: one partition per regression (a sweep, a run list, all). */
    public static final String REGRESSION_ID = "regression_id";

    /**
     * Grokking measured on one run (see {@code GrokkingMetrics}): memorisation step (first evaluated step with
     * train accuracy >= {@code threshold}), generalisation step (same for validation accuracy), delay and ratio,
     * whether it grokked within its budget, SC fractions, weight norms at both steps, and the hyperparameters
     * the regression uses. Partitioned by run id: recomputing a run replaces its row.
     */
    public static final StructType GROKKING_METRICS_SCHEMA = new StructType(new StructField[] {
            nullable("sweep_id", StringType),
            required("task", StringType),
            nullable("memorization_step", LongType),
            nullable("generalization_step", LongType),
            nullable("delay", LongType),
            nullable("delay_ratio", DoubleType),
            required("grokked", BooleanType),
            required("budget_steps", LongType),
            required("evaluations", IntegerType),
            nullable("final_train_accuracy", DoubleType),
            nullable("final_val_accuracy", DoubleType),
            nullable("final_sc_fraction", DoubleType),
            nullable("max_sc_fraction", DoubleType),
            nullable("weight_norm_at_memorization", DoubleType),
            nullable("weight_norm_at_generalization", DoubleType),
            nullable("final_weight_norm", DoubleType),
            required("threshold", DoubleType),
            nullable("weight_decay", DoubleType),
            nullable("train_fraction", DoubleType),
            nullable("width", IntegerType),
            required("output_activation", StringType),
            required("perp_grad", BooleanType),
            required("computed_at", DataTypes.TimestampType),
            required(RUN_ID, StringType)});

    /**
     * One term of a grokking regression (MLlib GeneralizedLinearRegression, gaussian family, identity link):
     * coefficient, standard error, t statistic and p-value, with the response, the censoring choice for runs
     * that never grokked, how many runs were used, censored and excluded (named), and the terms dropped as
     * constant over the runs used.
     */
    public static final StructType GROKKING_REGRESSION_SCHEMA = new StructType(new StructField[] {
            required("term", StringType),
            required("coefficient", DoubleType),
            nullable("std_error", DoubleType),
            nullable("t_value", DoubleType),
            nullable("p_value", DoubleType),
            required("response", StringType),
            required("censoring", StringType),
            required("runs_used", IntegerType),
            required("runs_censored", IntegerType),
            required("excluded_runs", DataTypes.createArrayType(StringType, false)),
            required("dropped_terms", DataTypes.createArrayType(StringType, false)),
            required("dispersion", DoubleType),
            required("threshold", DoubleType),
            required("source", StringType),
            required("fitted_at", DataTypes.TimestampType),
            required(REGRESSION_ID, StringType)});

    private static final java.util.Map<String, StructType> DECLARED = java.util.Map.ofEntries(
            java.util.Map.entry(RUNS, RUNS_SCHEMA),
            java.util.Map.entry(RUN_METRICS, RUN_METRICS_SCHEMA),
            java.util.Map.entry(RUN_SUMMARY, RUN_SUMMARY_SCHEMA),
            java.util.Map.entry(RUN_IMPORT_REJECTS, RUN_IMPORT_REJECTS_SCHEMA),
            java.util.Map.entry(SWEEP_POINTS, SWEEP_POINTS_SCHEMA),
            java.util.Map.entry(SCALING_FITS, SCALING_FITS_SCHEMA),
            java.util.Map.entry(GROKKING_METRICS, GROKKING_METRICS_SCHEMA),
            java.util.Map.entry(GROKKING_REGRESSION, GROKKING_REGRESSION_SCHEMA),
            java.util.Map.entry(LOG_ANOMALIES, LOG_ANOMALIES_SCHEMA),
            java.util.Map.entry(ANOMALY_SCORES, ANOMALY_SCORES_SCHEMA));

    /**
     * The declared schema of a small, partition-per-run table that gains columns over time (the run, sweep,
     * fit and grokking tables), if {@code table} is one. Reading with it (rather than inferring from one
     * file) keeps columns added later visible, as nulls, in partitions written before.
     */
    public static java.util.Optional<StructType> declared(String table) {
        return java.util.Optional.ofNullable(DECLARED.get(table));
    }

    /**
     * A row of {@code schema} from its values by column name, in the schema's order, without the {@code leftOut}
     * columns (a partition column kept in the folder name); a column with no value is a bug and fails.
     */
    public static org.apache.spark.sql.Row row(StructType schema, java.util.Map<String, Object> values,
            String... leftOut) {
        java.util.List<String> skipped = java.util.List.of(leftOut);
        java.util.List<Object> ordered = new java.util.ArrayList<>();
        for (StructField field : schema.fields()) {
            if (skipped.contains(field.name())) {
                continue;
            }
            if (!values.containsKey(field.name())) {
                throw new IllegalStateException("no value for column " + field.name());
            }
            ordered.add(values.get(field.name()));
        }
        return org.apache.spark.sql.RowFactory.create(ordered.toArray());
    }

    /** {@code schema} without the {@code leftOut} columns (a partition column kept in the folder name). */
    public static StructType withoutColumns(StructType schema, String... leftOut) {
        java.util.List<String> skipped = java.util.List.of(leftOut);
        return new StructType(java.util.Arrays.stream(schema.fields()).filter(f -> !skipped.contains(f.name()))
                .toArray(StructField[]::new));
    }

    /**
     * A partitioned table's columns without its partition column: what the files inside one partition folder
     * hold (Spark's partitioned layout keeps the value in the folder name).
     */
    public static StructType withoutColumn(StructType schema, String column) {
        return new StructType(java.util.Arrays.stream(schema.fields()).filter(f -> !f.name().equals(column))
                .toArray(StructField[]::new));
    }

    private static StructField required(String name, org.apache.spark.sql.types.DataType type) {
        return new StructField(name, type, false, org.apache.spark.sql.types.Metadata.empty());
    }

    private static StructField nullable(String name, org.apache.spark.sql.types.DataType type) {
        return new StructField(name, type, true, org.apache.spark.sql.types.Metadata.empty());
    }
}
