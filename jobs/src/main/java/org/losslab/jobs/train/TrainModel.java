package org.losslab.jobs.train;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.util.ModelSerializer;
import org.losslab.common.features.ClassIndex;
import org.losslab.common.features.SplitAssigner;
import org.losslab.common.metrics.ClassificationMetrics;
import org.losslab.common.metrics.ClassificationReport;
import org.losslab.common.metrics.PlasticcLogLoss;
import org.losslab.common.metrics.PriorBaseline;
import org.losslab.jobs.features.BuildFeatures;
import org.losslab.jobs.train.StepRecorder.NonFiniteLossException;
import org.losslab.jobs.train.StepRecorder.StepRow;
import org.losslab.jobs.warehouse.TableSchemas;
import org.losslab.jobs.warehouse.Warehouse;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains one DL4J network on {@code plasticc_features} data-parallel with parameter averaging
 * ({@link SparkDl4jMultiLayer} + {@link ParameterAveragingTrainingMaster}) on whatever master the session
 * has, and records the run: its {@code runs} row (running, then finished or failed with the reason), every
 * step in {@code run_metrics} (flushed after each epoch), validation every {@code evalEvery} steps and at the
 * end, test metrics against the class-prior baseline in {@code run_summary}, and checkpoints under
 * {@code <warehouse>/_checkpoints/<run_id>/} from which a run resumes with its step numbering intact.
 */
public final class TrainModel {
    private static final Logger LOG = LoggerFactory.getLogger(TrainModel.class);
    static final String CHECKPOINTS = "_checkpoints";

    /** Every knob of a run; {@code workers} null means Spark's default parallelism, {@code runId} null a new id. */
    public record Options(String warehouse, String task, Models.Kind model, int width, int depth, int epochs,
            int batchSizePerWorker, Integer workers, int averagingFrequency, double learningRate, String lrSchedule,
            int warmupSteps, double weightDecay, long seed, String runId, String sweepId, String classWeighting,
            int evalEvery, int checkpointEvery, boolean resume, double dataFraction, int sequenceLength) {
        public Options {
            requireNonNull(warehouse, "warehouse");
            requireNonNull(model, "model");
            if (!"plasticc".equals(task)) {
                throw new IllegalArgumentException("Cannot train task '" + task + "': only plasticc so far");
            }
            if (epochs < 1 || batchSizePerWorker < 1 || averagingFrequency < 1 || (workers != null && workers < 1)) {
                throw new IllegalArgumentException("Cannot train with epochs " + epochs + ", batch size "
                        + batchSizePerWorker + ", averaging frequency " + averagingFrequency + ", workers " + workers
                        + ": all must be >= 1");
            }
            if (!(dataFraction > 0 && dataFraction <= 1)) {
                throw new IllegalArgumentException("Cannot train on a data fraction of " + dataFraction);
            }
            if (!List.of("none", "balanced", "kaggle").contains(classWeighting)) {
                throw new IllegalArgumentException("Unknown class weighting '" + classWeighting
                        + "': use none, balanced or kaggle");
            }
            if (resume && runId == null) {
                throw new IllegalArgumentException("Cannot resume without --run-id");
            }
        }
    }

    /** How the run ended. {@code test} holds the test metrics by their run_summary column names. */
    public record Result(String runId, String status, String failureReason, long params, long trainExamples,
            long steps, Double finalTrainLoss, Double bestValLoss, Double finalValLoss, Map<String, Double> test,
            Double priorWeightedLogLoss, String checkpoint) {
        public boolean finished() {
            return "finished".equals(status);
        }
    }

    private final Options options;

    public TrainModel(Options options) {
        this.options = requireNonNull(options, "options");
    }

    /** A new run id: time and a random suffix, safe as a partition value. */
    public static String newRunId() {
        return "r" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)) + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xFFFFFF));
    }

    public Result run(SparkSession spark) {
        String runId = options.runId() != null ? options.runId() : newRunId();
        Warehouse warehouse = Warehouse.open(spark, options.warehouse());
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        RunTables tables = new RunTables(warehouse, runId);
        Models.Kind kind = options.model();
        int workers = options.workers() != null ? options.workers() : jsc.defaultParallelism();
        Timestamp startedAt = new Timestamp(System.currentTimeMillis());

        Dataset<Row> features = features(spark, warehouse);
        Dataset<Row> train = trainRows(features);
        List<Row> trainTargets = train.select("target_index").collectAsList();
        int[] trainIndex = trainTargets.stream().mapToInt(r -> r.getInt(0)).toArray();
        if (trainIndex.length == 0) {
            throw new IllegalArgumentException("Cannot train: no labelled training objects in "
                    + TableSchemas.PLASTICC_FEATURES);
        }
        List<Row> validationRows = features.filter(col("split").equalTo("validation")).collectAsList();
        List<Row> testRows = features.filter(col("split").equalTo("test")).collectAsList();
        DataSet validation = validationRows.isEmpty() ? null : FeatureDataSets.merge(validationRows, kind);
        int[] validationTargets = FeatureDataSets.targets(validationRows);

        long stepsPerEpoch = Math.max(1, (long) Math.ceil(trainIndex.length / (double) (workers
                * options.batchSizePerWorker())));
        long totalSteps = stepsPerEpoch * options.epochs();
        // cosine and warmup-stable-decay need a decay phase: warm-up takes at most half of the run
        ScheduleAdapter schedule = new ScheduleAdapter(options.lrSchedule(), options.learningRate(),
                Math.min(options.warmupSteps(), totalSteps / 2), Math.max(totalSteps, 2), 0.2, 0.0);
        double[] prior = PriorBaseline.classPrior(trainIndex, ClassIndex.COUNT);

        double[] classWeights = classWeights(trainIndex);
        Checkpoint resumed = options.resume() ? Checkpoint.latest(warehouse, runId) : null;
        if (resumed == null) {
            // a fresh run under an id used before (a retried sweep run) must not resume from the old attempt
            deleteQuietly(warehouse, new Path(new Path(warehouse.root(), CHECKPOINTS), runId));
        }
        MultiLayerNetwork net = resumed != null ? resumed.network() : newNetwork(schedule, classWeights);
        List<StepRow> earlierSteps = resumed != null ? readSteps(spark, warehouse, runId) : List.of();
        int firstEpoch = resumed != null ? resumed.epochsDone() : 0;
        long params = net.numParams();
        Object[] runRow = runRow(runId, kind, params, trainIndex.length, workers, spark, startedAt);
        tables.writeRun(withStatus(runRow, "running", null, null, null));
        LOG.info("Run {}: {} with {} parameters on {} training objects, {} workers{}", runId, kind.cliName(), params,
                trainIndex.length, workers, resumed != null ? ", resumed after epoch " + firstEpoch : "");

        long lastWall = earlierSteps.isEmpty() ? 0 : earlierSteps.get(earlierSteps.size() - 1).wallMs();
        long examplesBefore = earlierSteps.isEmpty() ? 0 : earlierSteps.get(earlierSteps.size() - 1).examplesSeen();
        StepRecorder recorder = new StepRecorder(System.currentTimeMillis() - lastWall, examplesBefore,
                earlierSteps, step -> schedule.schedule().at(step),
                validation == null || options.evalEvery() <= 0 ? null
                        : validateEvery(options.evalEvery(), net, validation, validationTargets, classWeights));
        String checkpoint = resumed != null ? resumed.path() : null;
        try {
            // DL4J-Spark cuts minibatches from consecutive examples and shuffles whole minibatches only, and the
            // features table comes grouped by class: mix the examples first, in a seeded order
            JavaRDD<DataSet> trainData = train
                    .orderBy(org.apache.spark.sql.functions.xxhash64(col("object_id"),
                            org.apache.spark.sql.functions.lit(options.seed())))
                    .toJavaRDD().map(row -> FeatureDataSets.example(row, kind));
            ParameterAveragingTrainingMaster master = new ParameterAveragingTrainingMaster.Builder(workers, 1)
                    .batchSizePerWorker(options.batchSizePerWorker())
                    .averagingFrequency(options.averagingFrequency())
                    .saveUpdater(true)
                    .workerPrefetchNumBatches(0) // a prefetch thread is interrupted mid-read when a round ends
                    .rngSeed(options.seed())
                    .exportDirectory(new Path(warehouse.root(), "_tmp/dl4j-export/" + runId).toString())
                    .build();
            SparkDl4jMultiLayer sparkNet = new SparkDl4jMultiLayer(jsc, net, master);
            sparkNet.setListeners(recorder, List.of(new StepListener()));
            for (int epoch = firstEpoch; epoch < options.epochs(); epoch++) {
                spark.sparkContext().setJobDescription("train " + runId + ": epoch " + (epoch + 1) + " of "
                        + options.epochs());
                sparkNet.fit(trainData);
                recorder.finishRound();
                net.getLayerWiseConfigurations().setEpochCount(epoch + 1);
                tables.writeMetrics(recorder.rows());
                boolean last = epoch + 1 == options.epochs();
                if (last || (options.checkpointEvery() > 0 && (epoch + 1) % options.checkpointEvery() == 0)) {
                    checkpoint = Checkpoint.write(warehouse, runId, net, epoch + 1);
                }
                StepRow latest = recorder.last();
                LOG.info("Run {}: epoch {}/{} done at step {}, train loss {}, validation loss {}", runId, epoch + 1,
                        options.epochs(), latest == null ? "n/a" : latest.step(),
                        latest == null ? "n/a" : String.format(Locale.ROOT, "%.4f", latest.trainLoss()),
                        latest == null || latest.valLoss() == null ? "n/a"
                                : String.format(Locale.ROOT, "%.4f", latest.valLoss()));
            }
            double[] finalValidation = validation == null ? null
                    : validate(net, validation, validationTargets, classWeights);
            if (finalValidation != null) {
                recorder.validateLast(finalValidation[0], finalValidation[1]);
            }
            tables.writeMetrics(recorder.rows());
            Map<String, Double> test = new LinkedHashMap<>();
            int[] testTargets = FeatureDataSets.targets(testRows);
            Double priorLoss = null;
            ClassificationReport report = null;
            if (!testRows.isEmpty()) {
                double[][] probabilities = probabilities(net, FeatureDataSets.merge(testRows, kind));
                int[] codes = classCodes();
                report = ClassificationMetrics.evaluate(testTargets, probabilities);
                test.put("test_weighted_log_loss", PlasticcLogLoss.weighted(testTargets, probabilities, codes));
                test.put("test_flat_log_loss", PlasticcLogLoss.flat(testTargets, probabilities));
                test.put("test_micro_roc_auc", report.microRocAuc());
                test.put("test_micro_pr_auc", report.microAveragePrecision());
                test.put("test_accuracy", report.accuracy());
                priorLoss = PriorBaseline.weightedLogLoss(prior, testTargets, codes);
            }
            StepRow lastStep = recorder.last();
            StepRow best = recorder.rows().stream().filter(r -> r.valLoss() != null)
                    .min(java.util.Comparator.comparingDouble(StepRow::valLoss)).orElse(null);
            tables.writeSummary(new Object[] {best == null ? null : best.valLoss(), best == null ? null : best.step(),
                finalValidation == null ? null : finalValidation[0], lastStep == null ? null : lastStep.trainLoss(),
                (long) recorder.rows().size(), test.get("test_weighted_log_loss"), test.get("test_flat_log_loss"),
                test.get("test_micro_roc_auc"), test.get("test_micro_pr_auc"), test.get("test_accuracy"), priorLoss,
                (long) testRows.size(), classCodes(), confusion(report)});
            tables.writeRun(withStatus(runRow, "finished", null, checkpoint, new Timestamp(System.currentTimeMillis())));
            return new Result(runId, "finished", null, params, trainIndex.length, recorder.rows().size(),
                    lastStep == null ? null : lastStep.trainLoss(), best == null ? null : best.valLoss(),
                    finalValidation == null ? null : finalValidation[0], test, priorLoss, checkpoint);
        } catch (Exception e) { // Spark rethrows checked exceptions (SparkException) undeclared
            String reason = failureReason(e);
            LOG.error("Run {} failed: {}", runId, reason);
            tables.writeMetrics(recorder.rows());
            tables.writeRun(withStatus(runRow, "failed", reason, checkpoint, new Timestamp(System.currentTimeMillis())));
            StepRow lastStep = recorder.last();
            return new Result(runId, "failed", reason, params, trainIndex.length, recorder.rows().size(),
                    lastStep == null ? null : lastStep.trainLoss(), null, null, Map.of(), null, checkpoint);
        } finally {
            spark.sparkContext().setJobDescription(null);
            deleteQuietly(warehouse, new Path(warehouse.root(), "_tmp/dl4j-export/" + runId));
        }
    }

    private Dataset<Row> features(SparkSession spark, Warehouse warehouse) {
        if (!warehouse.exists(TableSchemas.PLASTICC_FEATURES)) {
            LOG.info("No {} table yet: building it with the defaults", TableSchemas.PLASTICC_FEATURES);
            new BuildFeatures(new BuildFeatures.Options(options.warehouse(), options.sequenceLength(), 42,
                    SplitAssigner.DEFAULT_TRAIN_FRACTION, SplitAssigner.DEFAULT_VALIDATION_FRACTION)).run(spark);
        }
        return warehouse.read(TableSchemas.PLASTICC_FEATURES).filter(col("target_index").geq(0));
    }

    /** The training split, or a deterministic fraction of it (by object id hash) for data-size sweeps. */
    private Dataset<Row> trainRows(Dataset<Row> features) {
        Dataset<Row> train = features.filter(col("split").equalTo("train"));
        if (options.dataFraction() >= 1) {
            return train;
        }
        double fraction = options.dataFraction();
        long seed = options.seed();
        return train.filter((org.apache.spark.api.java.function.FilterFunction<Row>) row ->
                SplitAssigner.unitHash(row.getLong(row.fieldIndex("object_id")), seed + 1) < fraction);
    }

    private MultiLayerNetwork newNetwork(ScheduleAdapter schedule, double[] classWeights) {
        MultiLayerConfiguration conf = Models.configuration(new Models.Spec(options.model(),
                FeatureDataSets.inputSize(options.model()), options.sequenceLength(), ClassIndex.COUNT,
                options.width(), options.depth(), schedule, options.weightDecay(), classWeights,
                options.seed()));
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /**
     * Loss weights per class: {@code balanced} makes every class count as much in the loss as any other
     * (inverse frequency); {@code kaggle} does that and doubles the classes the PLAsTiCC metric doubles,
     * which is what that metric rewards; {@code none} leaves the loss unweighted.
     */
    private double[] classWeights(int[] trainIndex) {
        if ("none".equals(options.classWeighting())) {
            return null;
        }
        long[] counts = new long[ClassIndex.COUNT];
        for (int index : trainIndex) {
            counts[index]++;
        }
        double[] kaggle = PlasticcLogLoss.kaggleWeights(classCodes());
        double[] weights = new double[ClassIndex.COUNT];
        double sum = 0;
        for (int k = 0; k < weights.length; k++) {
            double base = counts[k] == 0 ? 0 : (double) trainIndex.length / (ClassIndex.COUNT * counts[k]);
            weights[k] = "kaggle".equals(options.classWeighting()) ? base * kaggle[k] : base;
            sum += weights[k];
        }
        for (int k = 0; k < weights.length; k++) {
            weights[k] *= ClassIndex.COUNT / sum; // mean weight 1 keeps the loss scale comparable
        }
        return weights;
    }

    static int[] classCodes() {
        int[] codes = new int[ClassIndex.COUNT];
        for (int k = 0; k < codes.length; k++) {
            codes[k] = ClassIndex.codeAt(k);
        }
        return codes;
    }

    private static StepRecorder.RoundHook validateEvery(int every, MultiLayerNetwork net, DataSet validation,
            int[] targets, double[] classWeights) {
        long[] lastValidated = {-1};
        return lastStep -> {
            if (lastStep / every == lastValidated[0] / every && lastValidated[0] >= 0) {
                return null;
            }
            lastValidated[0] = lastStep;
            return validate(net, validation, targets, classWeights);
        };
    }

    /**
     * {loss, accuracy} of the network on a set. The loss is the training objective without weight decay: the
     * mean over examples of the class weight times the cross-entropy (probabilities floored at 1e-15), as
     * DL4J's weighted MCXENT computes it, so that train and validation curves are comparable.
     */
    static double[] validate(MultiLayerNetwork net, DataSet data, int[] targets, double[] classWeights) {
        double[][] probabilities = probabilities(net, data);
        double loss = 0;
        int correct = 0;
        for (int i = 0; i < targets.length; i++) {
            double weight = classWeights == null ? 1.0 : classWeights[targets[i]];
            loss -= weight * Math.log(Math.max(probabilities[i][targets[i]], PlasticcLogLoss.EPSILON));
            if (ClassificationMetrics.argmax(probabilities[i]) == targets[i]) {
                correct++;
            }
        }
        return new double[] {loss / targets.length, (double) correct / targets.length};
    }

    static double[][] probabilities(MultiLayerNetwork net, DataSet data) {
        INDArray out = net.output(data.getFeatures(), false, data.getFeaturesMaskArray(), null);
        return out.toDoubleMatrix();
    }

    private Object[] runRow(String runId, Models.Kind kind, long params, long trainExamples, int workers,
            SparkSession spark, Timestamp startedAt) {
        Map<String, String> hyper = new LinkedHashMap<>();
        hyper.put("model", kind.cliName());
        hyper.put("width", Integer.toString(options.width()));
        hyper.put("depth", Integer.toString(options.depth()));
        hyper.put("epochs", Integer.toString(options.epochs()));
        hyper.put("batch_size_per_worker", Integer.toString(options.batchSizePerWorker()));
        hyper.put("workers", Integer.toString(workers));
        hyper.put("averaging_frequency", Integer.toString(options.averagingFrequency()));
        hyper.put("learning_rate", Double.toString(options.learningRate()));
        hyper.put("lr_schedule", options.lrSchedule());
        hyper.put("warmup_steps", Integer.toString(options.warmupSteps()));
        hyper.put("weight_decay", Double.toString(options.weightDecay()));
        hyper.put("class_weighting", options.classWeighting());
        hyper.put("seed", Long.toString(options.seed()));
        hyper.put("data_fraction", Double.toString(options.dataFraction()));
        hyper.put("sequence_length", Integer.toString(options.sequenceLength()));
        hyper.put("eval_every", Integer.toString(options.evalEvery()));
        return new Object[] {options.sweepId(), options.task(), kind.cliName(), params, trainExamples, "running", null,
            options.width(), options.depth(), options.epochs(), options.batchSizePerWorker(), workers,
            options.averagingFrequency(), options.learningRate(), options.lrSchedule(), options.warmupSteps(),
            options.weightDecay(), options.classWeighting(), options.seed(),
            scala.collection.JavaConverters.mapAsScalaMap(hyper), spark.sparkContext().master(), backend(), null,
            startedAt, null};
    }

    private static Object[] withStatus(Object[] row, String status, String reason, String checkpoint, Timestamp end) {
        Object[] copy = Arrays.copyOf(row, row.length);
        copy[5] = status;
        copy[6] = reason;
        copy[22] = checkpoint;
        copy[24] = end;
        return copy;
    }

    /** Which ND4J backend actually runs: cpu or cuda. */
    static String backend() {
        String name = Nd4j.getBackend().getClass().getSimpleName().toLowerCase(Locale.ROOT);
        return name.contains("cu") ? "cuda" : "cpu";
    }

    private static long[][] confusion(ClassificationReport report) {
        long[][] matrix = new long[ClassIndex.COUNT][ClassIndex.COUNT];
        if (report != null) {
            int[][] counts = report.confusion();
            for (int i = 0; i < counts.length; i++) {
                for (int j = 0; j < counts[i].length; j++) {
                    matrix[i][j] = counts[i][j];
                }
            }
        }
        return matrix;
    }

    private static String failureReason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NonFiniteLossException) {
                return t.getMessage();
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }

    private static List<StepRow> readSteps(SparkSession spark, Warehouse warehouse, String runId) {
        if (!warehouse.exists(TableSchemas.RUN_METRICS)) {
            return List.of();
        }
        List<StepRow> rows = new ArrayList<>();
        for (Row r : warehouse.read(TableSchemas.RUN_METRICS).filter(col(TableSchemas.RUN_ID).equalTo(runId))
                .orderBy("step").collectAsList()) {
            rows.add(new StepRow(r.getAs("step"), r.getAs("epoch"), r.getAs("examples_seen"), r.getAs("learning_rate"),
                    r.getAs("train_loss"), r.getAs("train_loss_min"), r.getAs("train_loss_max"),
                    r.getAs("train_loss_std"), r.getAs("workers"), r.getAs("val_loss"), r.getAs("val_accuracy"),
                    r.getAs("wall_ms")));
        }
        return rows;
    }

    private static void deleteQuietly(Warehouse warehouse, Path path) {
        try {
            warehouse.fileSystem().delete(path, true);
        } catch (IOException e) {
            LOG.warn("Cannot delete {}: {}", path, e.getMessage());
        }
    }

    /**
     * A saved network of a run: {@code _checkpoints/<run_id>/epoch-0003.zip} (model and updater state).
     * Resuming restores parameters and the iteration and epoch counts but restarts Adam's moments: with
     * DL4J-Spark M2 the updater state restored from a checkpoint gave a NaN loss on the second step after
     * resuming (the restored state does not match what the workers expect), so it is not loaded.
     */
    record Checkpoint(String path, int epochsDone, MultiLayerNetwork network) {
        static String write(Warehouse warehouse, String runId, MultiLayerNetwork net, int epochsDone) {
            Path path = new Path(new Path(new Path(warehouse.root(), CHECKPOINTS), runId),
                    String.format(Locale.ROOT, "epoch-%04d.zip", epochsDone));
            try (OutputStream out = warehouse.fileSystem().create(path, true)) {
                ModelSerializer.writeModel(net, out, true);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write checkpoint " + path + ": " + e.getMessage(), e);
            }
            return path.toString();
        }

        static Checkpoint latest(Warehouse warehouse, String runId) {
            Path dir = new Path(new Path(warehouse.root(), CHECKPOINTS), runId);
            FileSystem fs = warehouse.fileSystem();
            try {
                if (!fs.exists(dir)) {
                    throw new IllegalArgumentException("Cannot resume run " + runId + ": no checkpoints in " + dir);
                }
                FileStatus[] files = fs.listStatus(dir, p -> p.getName().matches("epoch-\\d+\\.zip"));
                if (files.length == 0) {
                    throw new IllegalArgumentException("Cannot resume run " + runId + ": no checkpoints in " + dir);
                }
                Arrays.sort(files, (a, b) -> a.getPath().getName().compareTo(b.getPath().getName()));
                Path latest = files[files.length - 1].getPath();
                int epochs = Integer.parseInt(latest.getName().replaceAll("\\D", ""));
                try (InputStream in = fs.open(latest)) {
                    return new Checkpoint(latest.toString(), epochs, ModelSerializer.restoreMultiLayerNetwork(in, false));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read checkpoints of run " + runId + ": " + e.getMessage(), e);
            }
        }
    }
}
