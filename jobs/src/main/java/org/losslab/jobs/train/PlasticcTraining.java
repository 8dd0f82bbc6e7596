package org.losslab.jobs.train;

import static org.apache.spark.sql.functions.col;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.losslab.common.features.ClassIndex;
import org.losslab.common.features.SplitAssigner;
import org.losslab.common.metrics.ClassificationMetrics;
import org.losslab.common.metrics.ClassificationReport;
import org.losslab.common.metrics.PlasticcLogLoss;
import org.losslab.common.metrics.PriorBaseline;
import org.losslab.jobs.features.BuildFeatures;
import org.losslab.jobs.warehouse.TableSchemas;
import org.losslab.jobs.warehouse.Warehouse;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code train --task plasticc}: objects of {@code plasticc_features} (built with the defaults when missing), a
 * seeded mix of the training split (or a fraction of it), validation on the validation split, and at the end the
 * test split's PLAsTiCC weighted log-loss, flat log-loss, micro ROC/PR AUC, accuracy and confusion matrix against
 * the class-prior baseline.
 */
final class PlasticcTraining implements TrainingTask {
    private static final Logger LOG = LoggerFactory.getLogger(PlasticcTraining.class);

    private final TrainModel.Options options;
    private int[] trainIndex;
    private DataSet trainEval;
    private int[] trainEvalTargets;
    private DataSet validation;
    private int[] validationTargets;
    private DataSet test;
    private int[] testTargets;
    private double[] classWeights;

    PlasticcTraining(TrainModel.Options options) {
        this.options = options;
    }

    @Override
    public TrainingData prepare(SparkSession spark, Warehouse warehouse, int workers, Path exportDir) {
        Models.Kind kind = options.model();
        Dataset<Row> features = features(spark, warehouse);
        Dataset<Row> train = trainRows(features);
        trainIndex = train.select("target_index").collectAsList().stream().mapToInt(r -> r.getInt(0)).toArray();
        if (trainIndex.length == 0) {
            throw new IllegalArgumentException("Cannot train: no labelled training objects in "
                    + TableSchemas.PLASTICC_FEATURES);
        }
        List<Row> validationRows = features.filter(col("split").equalTo("validation")).collectAsList();
        List<Row> testRows = features.filter(col("split").equalTo("test")).collectAsList();
        // DL4J-Spark cuts minibatches from consecutive examples and shuffles whole minibatches only, and the
        // features table comes grouped by class: mix the examples first, in a seeded order
        Dataset<Row> mixed = train.orderBy(org.apache.spark.sql.functions.xxhash64(col("object_id"),
                org.apache.spark.sql.functions.lit(options.seed())));
        List<Row> trainSample = mixed.limit(TrainModel.TRAIN_EVAL_LIMIT).collectAsList();
        JavaRDD<DataSet> trainData = mixed.toJavaRDD().map(row -> FeatureDataSets.example(row, kind));
        long stepsPerEpoch = Math.max(1, (long) Math.ceil(trainIndex.length / (double) (workers
                * options.batchSizePerWorker())));
        List<String> files = null;
        if (exportDir != null) {
            // one slice per worker, keeping the mixed order (coalesce joins neighbouring ranges of it): minibatch
            // files are written in parallel, at most one short file per worker. A round-robin repartition here
            // gave minibatches that trained an MLP to a 14% higher loss on local[2] (bench train).
            JavaRDD<DataSet> sliced = mixed.coalesce(workers).toJavaRDD().map(row -> FeatureDataSets.example(row,
                    kind));
            spark.sparkContext().setJobDescription("train: export minibatches to " + exportDir);
            files = MinibatchFiles.export(sliced, options.batchSizePerWorker(), exportDir);
            stepsPerEpoch = MinibatchFiles.stepsPerEpoch(files.size(), workers);
        }
        trainEval = FeatureDataSets.merge(trainSample, kind);
        trainEvalTargets = FeatureDataSets.targets(trainSample);
        validation = validationRows.isEmpty() ? null : FeatureDataSets.merge(validationRows, kind);
        validationTargets = FeatureDataSets.targets(validationRows);
        test = testRows.isEmpty() ? null : FeatureDataSets.merge(testRows, kind);
        testTargets = FeatureDataSets.targets(testRows);
        classWeights = classWeights(trainIndex);
        return new TrainingData(FeatureDataSets.inputSize(kind), options.sequenceLength(), ClassIndex.COUNT,
                trainIndex.length, classWeights, trainData, options.batchSizePerWorker(), options.epochs(),
                stepsPerEpoch, files, null, false);
    }

    @Override
    public StepRecorder.Evaluation evaluate(MultiLayerNetwork net) {
        return validation == null ? null
                : TrainModel.evaluation(net, validation, validationTargets, trainEval, trainEvalTargets, classWeights);
    }

    @Override
    public Map<String, Object> summarize(MultiLayerNetwork net) {
        Map<String, Object> columns = new LinkedHashMap<>();
        int[] codes = classCodes();
        columns.put("class_codes", codes);
        if (test == null) {
            LOG.warn("No test objects in {}: no test metrics", TableSchemas.PLASTICC_FEATURES);
            columns.put("confusion_matrix", new long[ClassIndex.COUNT][ClassIndex.COUNT]);
            return columns;
        }
        double[][] probabilities = TrainModel.probabilities(net, test);
        ClassificationReport report = ClassificationMetrics.evaluate(testTargets, probabilities);
        columns.put("test_weighted_log_loss", PlasticcLogLoss.weighted(testTargets, probabilities, codes));
        columns.put("test_flat_log_loss", PlasticcLogLoss.flat(testTargets, probabilities));
        columns.put("test_micro_roc_auc", report.microRocAuc());
        columns.put("test_micro_pr_auc", report.microAveragePrecision());
        columns.put("test_accuracy", report.accuracy());
        columns.put("prior_weighted_log_loss", PriorBaseline.weightedLogLoss(PriorBaseline.classPrior(trainIndex,
                ClassIndex.COUNT), testTargets, codes));
        columns.put("test_examples", (long) testTargets.length);
        columns.put("confusion_matrix", confusion(report));
        return columns;
    }

    @Override
    public Map<String, String> hyperparameters() {
        Map<String, String> hyper = new LinkedHashMap<>();
        hyper.put("sequence_length", Integer.toString(options.sequenceLength()));
        return hyper;
    }

    @Override
    public String classWeighting() {
        return options.classWeighting();
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

    /**
     * Loss weights per class: {@code balanced} makes every class count as much in the loss as any other
     * (inverse frequency); {@code kaggle} does that and doubles the classes the PLAsTiCC metric doubles,
     * which is what that metric rewards; {@code none} leaves the loss unweighted.
     */
    private double[] classWeights(int[] targets) {
        if ("none".equals(options.classWeighting())) {
            return null;
        }
        long[] counts = new long[ClassIndex.COUNT];
        for (int index : targets) {
            counts[index]++;
        }
        double[] kaggle = PlasticcLogLoss.kaggleWeights(classCodes());
        double[] weights = new double[ClassIndex.COUNT];
        double sum = 0;
        for (int k = 0; k < weights.length; k++) {
            double base = counts[k] == 0 ? 0 : (double) targets.length / (ClassIndex.COUNT * counts[k]);
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

    private static long[][] confusion(ClassificationReport report) {
        long[][] matrix = new long[ClassIndex.COUNT][ClassIndex.COUNT];
        int[][] counts = report.confusion();
        for (int i = 0; i < counts.length; i++) {
            for (int j = 0; j < counts[i].length; j++) {
                matrix[i][j] = counts[i][j];
            }
        }
        return matrix;
    }
}
