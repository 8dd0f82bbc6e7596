package org.losslab.jobs.logs;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.feature.CountVectorizer;
import org.apache.spark.ml.feature.CountVectorizerModel;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.feature.PCA;
import org.apache.spark.ml.feature.PCAModel;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.StandardScalerModel;
import org.apache.spark.ml.linalg.DenseMatrix;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.losslab.common.anomaly.DetectionScores;
import org.losslab.common.anomaly.NextEvents;
import org.losslab.common.anomaly.QStatistic;
import org.losslab.jobs.train.Models;
import org.losslab.jobs.train.NextEventInput;
import org.losslab.jobs.train.NextEventScoring;
import org.losslab.jobs.warehouse.TableSchemas;
import org.losslab.jobs.warehouse.Warehouse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code detect-anomalies --run ID}: scores the test windows of a finished {@code train --task logs} run with its
 * network (on the executors, one model per partition), flags them by DeepLog's top-g rule and keeps the largest
 * surprisal as a score, and runs the baselines on the same windows and split with MLlib on event-count vectors
 * ({@link CountVectorizer}): the PCA residual detector (unsupervised, fitted on the train windows, SPE against the
 * Q-statistic threshold, as loglizer) and, when the windows have labels, a logistic regression trained on the
 * labelled train windows. Writes {@code log_anomalies} (one row per test window) and {@code anomaly_scores}
 * (precision, recall, F1 per method), each in the run's partition.
 */
public final class DetectAnomalies {
    private static final Logger LOG = LoggerFactory.getLogger(DetectAnomalies.class);
    /** Share of the count vectors' variance the PCA detector's normal subspace keeps (loglizer's default). */
    static final double PCA_VARIANCE = 0.95;

    public record Options(String warehouse, String runId, int topG) {
        public Options {
            requireNonNull(warehouse, "warehouse");
            requireNonNull(runId, "run id");
            if (topG < 1) {
                throw new IllegalArgumentException("--top-g must be >= 1, not " + topG);
            }
        }
    }

    /** One method's detection on the test windows; precision/recall/F1 null without labels. */
    public record MethodScore(String method, Double precision, Double recall, Double f1, Double threshold,
            long flagged) {
    }

    /**
     * A detection's outcome; {@code validationF1} is the model threshold's F1 on the validation windows it was
     * chosen on (null without labels), the figure to compare runs by without looking at the test windows.
     */
    public record Result(String runId, String systems, String window, long testWindows, Long anomalousTestWindows,
            List<MethodScore> methods, Double validationF1, double windowsPerSecond, Map<String, String> tables) {
    }

    private final Options options;

    public DetectAnomalies(Options options) {
        this.options = requireNonNull(options, "options");
    }

    public Result run(SparkSession spark) {
        Warehouse warehouse = Warehouse.open(spark, options.warehouse());
        Row run = run(warehouse);
        Map<String, String> hyper = scala.collection.JavaConverters.mapAsJavaMap(run.getAs("hyperparameters"));
        List<String> systems = List.of(hyper.get("systems").split(","));
        String window = hyper.get("window");
        LogEventSpace space = eventSpace(warehouse, run);
        Dataset<Row> sequences = space.sequences(warehouse);
        List<String> kinds = sequences.select("window_kind").distinct().collectAsList().stream()
                .map(r -> r.getString(0)).sorted().toList();
        if (!String.join(",", kinds).equals(window)) {
            throw new IllegalArgumentException("Cannot score run " + options.runId() + ": it trained on " + window
                    + " windows, log_sequences of " + systems + " now holds " + kinds + " windows; rebuild them as"
                    + " the run had them");
        }
        long start = System.nanoTime();
        spark.sparkContext().setJobDescription("detect-anomalies " + options.runId() + ": score windows");
        List<Row> scored = scoreWindows(spark, warehouse, run, space, sequences.filter(col("split").isin("validation",
                "test")), options.topG()).collectAsList();
        double seconds = (System.nanoTime() - start) / 1e9;
        spark.sparkContext().setJobDescription(null);
        List<Row> test = scored.stream().filter(r -> "test".equals(r.getAs("split"))).toList();
        List<Row> validation = scored.stream().filter(r -> "validation".equals(r.getAs("split"))).toList();
        if (test.isEmpty()) {
            throw new IllegalArgumentException("Cannot detect anomalies for run " + options.runId() + ": no test"
                    + " windows in log_sequences of " + systems);
        }
        boolean labelled = test.stream().anyMatch(r -> !r.isNullAt(r.fieldIndex("label")));
        List<Row> labelledTest = test.stream().filter(r -> !r.isNullAt(r.fieldIndex("label"))).toList();
        boolean[] anomalous = labelledTest.stream().map(r -> r.<Integer>getAs("label") == 1)
                .collect(BooleanArray.COLLECTOR);

        List<MethodScore> methods = new ArrayList<>();
        boolean[] flagged = labelledTest.stream().map(r -> r.<Boolean>getAs("flagged")).collect(BooleanArray.COLLECTOR);
        methods.add(score("model", labelled, flagged, anomalous, null,
                test.stream().filter(r -> r.<Boolean>getAs("flagged")).count()));
        List<Row> labelledValidation = validation.stream().filter(r -> !r.isNullAt(r.fieldIndex("label"))).toList();
        Double validationF1 = null;
        if (labelled && !labelledValidation.isEmpty()) {
            double[] validationScores = labelledValidation.stream().mapToDouble(r -> r.getAs("score")).toArray();
            boolean[] validationAnomalous = labelledValidation.stream().map(r -> r.<Integer>getAs("label") == 1)
                    .collect(BooleanArray.COLLECTOR);
            double threshold = DetectionScores.bestThreshold(validationScores, validationAnomalous);
            validationF1 = DetectionScores.atThreshold(validationScores, validationAnomalous, threshold).f1();
            double[] testScores = labelledTest.stream().mapToDouble(r -> r.getAs("score")).toArray();
            boolean[] overThreshold = new boolean[testScores.length];
            for (int i = 0; i < testScores.length; i++) {
                overThreshold[i] = testScores[i] >= threshold;
            }
            methods.add(score("model_threshold", true, overThreshold, anomalous, threshold,
                    test.stream().filter(r -> r.<Double>getAs("score") >= threshold).count()));
        }
        Baselines baselines = baselines(spark, sequences, labelled);
        methods.add(score("pca", labelled, baselines.pcaFlags(labelledTest), anomalous, baselines.pcaThreshold(),
                baselines.pcaFlagged()));
        if (baselines.logistic() != null) {
            methods.add(score("logistic_regression", true, baselines.logisticFlags(labelledTest), anomalous, 0.5,
                    baselines.logisticFlagged()));
        }

        List<Row> anomalyRows = new ArrayList<>();
        for (Row r : test) {
            anomalyRows.add(RowFactory.create(r.getAs(TableSchemas.SYSTEM), r.getAs("window_id"), r.getAs("score"),
                    r.getAs("flagged"), r.getAs("abnormal_events"), r.getAs("label")));
        }
        List<Row> scoreRows = new ArrayList<>();
        long anomalousCount = labelled ? labelledTest.stream().filter(r -> r.<Integer>getAs("label") == 1).count() : 0;
        for (MethodScore m : methods) {
            scoreRows.add(RowFactory.create(String.join(",", systems), window, m.method(), m.precision(), m.recall(),
                    m.f1(), m.threshold(), (long) test.size(), anomalousCount, m.flagged()));
        }
        warehouse.replacePartition(TableSchemas.LOG_ANOMALIES, TableSchemas.LOG_ANOMALIES_SCHEMA, TableSchemas.RUN_ID,
                options.runId(), anomalyRows);
        warehouse.replacePartition(TableSchemas.ANOMALY_SCORES, TableSchemas.ANOMALY_SCORES_SCHEMA,
                TableSchemas.RUN_ID, options.runId(), scoreRows);
        Map<String, String> tables = new LinkedHashMap<>();
        tables.put(TableSchemas.LOG_ANOMALIES, warehouse.tablePath(TableSchemas.LOG_ANOMALIES).toString());
        tables.put(TableSchemas.ANOMALY_SCORES, warehouse.tablePath(TableSchemas.ANOMALY_SCORES).toString());
        double perSecond = scored.size() / Math.max(seconds, 1e-9);
        LOG.info("detect-anomalies {}: scored {} windows in {} s ({} windows/s)", options.runId(), scored.size(),
                String.format("%.1f", seconds), String.format("%.0f", perSecond));
        return new Result(options.runId(), String.join(",", systems), window, test.size(),
                labelled ? anomalousCount : null, methods, validationF1, perSecond, tables);
    }

    /**
     * The windows scored by a logs run's network in its event space (lazy: nothing runs until the Dataset is
     * used): system, window id, label, split, score (largest surprisal), flagged (top-g rule), abnormal events.
     */
    public static Dataset<Row> scoreWindows(SparkSession spark, Warehouse warehouse, Row run, LogEventSpace space,
            Dataset<Row> windows, int topG) {
        Map<String, String> hyper = scala.collection.JavaConverters.mapAsJavaMap(run.getAs("hyperparameters"));
        Broadcast<byte[]> model = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .broadcast(readCheckpoint(warehouse, run.getAs("checkpoint")));
        return windows.select(TableSchemas.SYSTEM, "window_id", "events", "label", "split", "window_kind")
                .mapPartitions(
                new ScorePartition(model, space, NextEventInput.ofRun(Models.Kind.parse(run.getAs("model")),
                        space.classes(), hyper), topG), org.apache.spark.sql.Encoders.row(SCORED));
    }

    /**
     * The event classes a logs run's network reads, from the vocabularies of its systems; vocabularies that
     * changed since it trained fail with the reason.
     */
    public static LogEventSpace eventSpace(Warehouse warehouse, Row run) {
        Map<String, String> hyper = scala.collection.JavaConverters.mapAsJavaMap(run.getAs("hyperparameters"));
        List<String> systems = List.of(hyper.get("systems").split(","));
        LogEventSpace space = LogEventSpace.of(warehouse, systems);
        if (Integer.parseInt(hyper.get("event_classes")) != space.classes()) {
            throw new IllegalArgumentException("Cannot score run " + run.getAs(TableSchemas.RUN_ID) + ": the"
                    + " vocabularies of " + systems + " changed since it trained (" + hyper.get("event_classes")
                    + " event classes then, " + space.classes() + " now); train again");
        }
        return space;
    }

    /** The {@code runs} row of a finished logs run; anything else fails with the reason. */
    public Row logsRun(Warehouse warehouse) {
        return run(warehouse);
    }

    private Row run(Warehouse warehouse) {
        if (!warehouse.exists(TableSchemas.RUNS)) {
            throw new IllegalArgumentException("Unknown run " + options.runId() + ": no runs table in "
                    + warehouse.root());
        }
        List<Row> rows = warehouse.read(TableSchemas.RUNS).filter(col(TableSchemas.RUN_ID).equalTo(options.runId()))
                .collectAsList();
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("Unknown run " + options.runId() + " in " + warehouse.root()
                    + " (list runs with: sql \"SELECT run_id, task, status FROM runs\")");
        }
        Row run = rows.get(0);
        if (!"logs".equals(run.getAs("task"))) {
            throw new IllegalArgumentException("Cannot detect anomalies with run " + options.runId() + ": it is a "
                    + run.getAs("task") + " run, not a logs run (train --task logs)");
        }
        if (!"finished".equals(run.getAs("status")) || run.getAs("checkpoint") == null) {
            throw new IllegalArgumentException("Cannot detect anomalies with run " + options.runId() + ": it is "
                    + run.getAs("status") + ", without a final checkpoint");
        }
        return run;
    }

    private static byte[] readCheckpoint(Warehouse warehouse, String checkpoint) {
        try (InputStream in = warehouse.fileSystem().open(new Path(checkpoint))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the run's checkpoint " + checkpoint + ": " + e.getMessage(), e);
        }
    }

    private static MethodScore score(String method, boolean labelled, boolean[] flagged, boolean[] anomalous,
            Double threshold, long flaggedCount) {
        if (!labelled) {
            return new MethodScore(method, null, null, null, threshold, flaggedCount);
        }
        DetectionScores s = DetectionScores.of(flagged, anomalous);
        return new MethodScore(method, s.precision(), s.recall(), s.f1(), threshold, flaggedCount);
    }

    static final StructType SCORED = new StructType(new StructField[] {
            DataTypes.createStructField(TableSchemas.SYSTEM, DataTypes.StringType, false),
            DataTypes.createStructField("window_id", DataTypes.StringType, false),
            DataTypes.createStructField("label", DataTypes.IntegerType, true),
            DataTypes.createStructField("split", DataTypes.StringType, false),
            DataTypes.createStructField("score", DataTypes.DoubleType, false),
            DataTypes.createStructField("flagged", DataTypes.BooleanType, false),
            DataTypes.createStructField("abnormal_events", DataTypes.IntegerType, false)});

    /** Scores a partition's windows with one network deserialised from the broadcast checkpoint bytes. */
    static final class ScorePartition implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final Broadcast<byte[]> model;
        private final LogEventSpace space;
        private final NextEventInput input;
        private final int topG;

        ScorePartition(Broadcast<byte[]> model, LogEventSpace space, NextEventInput input, int topG) {
            this.model = model;
            this.space = space;
            this.input = input;
            this.topG = topG;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> rows) throws Exception {
            MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(model.value()),
                    false);
            // the executor's concurrent tasks share the answers of this job's network
            NextEventScoring scoring = new NextEventScoring(net, input, NextEventScoring.Shared.of(model.id()));
            List<Row> out = new ArrayList<>();
            List<Row> batch = new ArrayList<>();
            List<int[]> batchEvents = new ArrayList<>();
            int positions = 0;
            while (rows.hasNext()) {
                Row row = rows.next();
                int[] events = space.events(row);
                batch.add(row);
                batchEvents.add(events);
                positions += events.length;
                if (positions >= NextEventScoring.BATCH_POSITIONS || !rows.hasNext()) {
                    List<double[][]> probabilities = scoring.probabilities(batchEvents);
                    for (int i = 0; i < batch.size(); i++) {
                        Row r = batch.get(i);
                        NextEvents.WindowVerdict v = NextEvents.judge(batchEvents.get(i), probabilities.get(i), topG);
                        out.add(RowFactory.create(r.getAs(TableSchemas.SYSTEM), r.getAs("window_id"),
                                r.isNullAt(r.fieldIndex("label")) ? null : r.getAs("label"), r.getAs("split"),
                                v.maxSurprisal(), v.flagged(), v.abnormalEvents()));
                    }
                    batch.clear();
                    batchEvents.clear();
                    positions = 0;
                }
            }
            LOG.debug("Scored {} positions, {} of them through the network (the rest repeat an input)",
                    scoring.positions(), scoring.forwardPositions());
            return out.iterator();
        }
    }

    /** The baselines fitted on the train windows, applied to test windows by id. */
    private record Baselines(Map<String, Double> spe, double pcaThreshold, long pcaFlagged,
            Map<String, Double> logistic, long logisticFlagged) {
        boolean[] pcaFlags(List<Row> windows) {
            boolean[] out = new boolean[windows.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = spe.get(key(windows.get(i))) > pcaThreshold;
            }
            return out;
        }

        boolean[] logisticFlags(List<Row> windows) {
            boolean[] out = new boolean[windows.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = logistic.get(key(windows.get(i))) > 0.5;
            }
            return out;
        }
    }

    private static String key(Row window) {
        return window.getAs(TableSchemas.SYSTEM) + "\u0000" + window.getAs("window_id");
    }

    /**
     * Event-count vectors of every window (MLlib's CountVectorizer over the event indexes as terms), the PCA
     * residual detector fitted on the train windows (all of them: it is unsupervised), and a logistic regression
     * on the labelled train windows when both classes occur there.
     */
    private Baselines baselines(SparkSession spark, Dataset<Row> sequences, boolean labelled) {
        spark.sparkContext().setJobDescription("detect-anomalies " + options.runId() + ": baselines");
        Dataset<Row> terms = sequences.select(col(TableSchemas.SYSTEM), col("window_id"), col("split"), col("label"),
                functions.expr("transform(events, e -> concat(system, ':', cast(e as string)))").as("terms"));
        Dataset<Row> train = terms.filter(col("split").equalTo("train"));
        CountVectorizerModel counts = new CountVectorizer().setInputCol("terms").setOutputCol("counts").fit(train);
        Dataset<Row> vectors = counts.transform(terms).cache();
        Dataset<Row> trainVectors = vectors.filter(col("split").equalTo("train"));
        StandardScalerModel centre = new StandardScaler().setInputCol("counts").setOutputCol("centred")
                .setWithMean(true).setWithStd(false).fit(trainVectors);
        int dims = counts.vocabulary().length;
        PCAModel pca = new PCA().setInputCol("centred").setOutputCol("projected").setK(dims)
                .fit(centre.transform(trainVectors));
        double totalVariance = 0;
        for (double sd : centre.std().toArray()) {
            totalVariance += sd * sd;
        }
        double[] ratios = pca.explainedVariance().toArray();
        double[] eigenvalues = new double[ratios.length];
        for (int i = 0; i < ratios.length; i++) {
            eigenvalues[i] = ratios[i] * totalVariance;
        }
        int k = QStatistic.componentsFor(eigenvalues, PCA_VARIANCE);
        double threshold = QStatistic.threshold(eigenvalues, k, QStatistic.LOGLIZER_C_ALPHA);
        DenseMatrix pc = pca.pc();
        Dataset<Row> test = centre.transform(vectors.filter(col("split").equalTo("test")));
        Map<String, Double> spe = new java.util.HashMap<>();
        long flagged = 0;
        for (Row r : test.select(TableSchemas.SYSTEM, "window_id", "centred").collectAsList()) {
            double[] y = ((Vector) r.getAs("centred")).toArray();
            double residual = residual(y, pc, k);
            spe.put(key(r), residual);
            if (residual > threshold) {
                flagged++;
            }
        }
        LOG.info("PCA baseline: {} event dimensions, {} components keep {}% of the variance, Q threshold {}", dims, k,
                (int) (PCA_VARIANCE * 100), String.format("%.3f", threshold));
        Map<String, Double> logistic = null;
        long logisticFlagged = 0;
        if (labelled) {
            Dataset<Row> labelledTrain = trainVectors.filter(col("label").isNotNull())
                    .withColumn("target", col("label").cast(DataTypes.DoubleType));
            long positives = labelledTrain.filter(col("label").equalTo(1)).count();
            long total = labelledTrain.count();
            if (positives > 0 && positives < total) {
                LogisticRegressionModel lr = new LogisticRegression().setFeaturesCol("counts").setLabelCol("target")
                        .setMaxIter(100).fit(labelledTrain);
                logistic = new java.util.HashMap<>();
                for (Row r : lr.transform(vectors.filter(col("split").equalTo("test")))
                        .select(TableSchemas.SYSTEM, "window_id", "probability").collectAsList()) {
                    double p = ((Vector) r.getAs("probability")).apply(1);
                    logistic.put(key(r), p);
                    if (p > 0.5) {
                        logisticFlagged++;
                    }
                }
            } else {
                LOG.warn("Logistic regression baseline skipped: the labelled train windows hold {} anomalous of {}"
                        + " (it needs both classes)", positives, total);
            }
        }
        vectors.unpersist();
        spark.sparkContext().setJobDescription(null);
        return new Baselines(spe, threshold, flagged, logistic, logisticFlagged);
    }

    /** The squared norm of {@code y} minus its projection on the first {@code k} principal components. */
    static double residual(double[] y, DenseMatrix pc, int k) {
        double[] projection = new double[y.length];
        for (int j = 0; j < k; j++) {
            double dot = 0;
            for (int i = 0; i < y.length; i++) {
                dot += pc.apply(i, j) * y[i];
            }
            for (int i = 0; i < y.length; i++) {
                projection[i] += dot * pc.apply(i, j);
            }
        }
        double spe = 0;
        for (int i = 0; i < y.length; i++) {
            double d = y[i] - projection[i];
            spe += d * d;
        }
        return spe;
    }

    /** Collects a stream of booleans into a {@code boolean[]}. */
    private static final class BooleanArray {
        static final java.util.stream.Collector<Boolean, ?, boolean[]> COLLECTOR = java.util.stream.Collectors
                .collectingAndThen(java.util.stream.Collectors.toList(), list -> {
                    boolean[] out = new boolean[list.size()];
                    for (int i = 0; i < out.length; i++) {
                        out[i] = list.get(i);
                    }
                    return out;
                });
    }
}
