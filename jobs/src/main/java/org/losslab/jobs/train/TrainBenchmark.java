package org.losslab.jobs.train;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.losslab.common.features.ClassIndex;
import org.losslab.jobs.warehouse.TableSchemas;
import org.losslab.jobs.warehouse.Warehouse;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Training throughput of parameter averaging against plain single-JVM DL4J, in one process: the same network
 * (same configuration and seed) on the same training examples for the same epochs, once with
 * {@code MultiLayerNetwork.fit} over shuffled minibatches of {@code workers * batchSize} (the same examples
 * per update as the distributed run), once with {@link SparkDl4jMultiLayer} and {@code workers} workers of
 * {@code batchSize} each. Prints examples/s of both, their ratio, and both networks' final (unweighted)
 * cross-entropy on the whole training set. Each side gets one warm-up epoch first.
 */
public final class TrainBenchmark {

    /** What to train and how. */
    public record Options(String warehouse, Models.Kind model, int width, int depth, int epochs, int batchSize,
            int workers, int averagingFrequency, double learningRate, long seed, int sequenceLength,
            boolean direct) {
        public Options {
            requireNonNull(warehouse, "warehouse");
            requireNonNull(model, "model");
        }
    }

    /** One side's figures. */
    public record Side(String what, long examples, double seconds, double finalLoss) {
        public double examplesPerSecond() {
            return examples / seconds;
        }
    }

    /** Both sides and the ratios. */
    public record Result(Side local, Side spark, double throughputRatio, double lossDifference, long params,
            int trainExamples) {
    }

    private final Options options;

    public TrainBenchmark(Options options) {
        this.options = requireNonNull(options, "options");
    }

    public Result run(SparkSession spark) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<Row> rows = Warehouse.open(spark, options.warehouse()).read(TableSchemas.PLASTICC_FEATURES)
                .filter(col("split").equalTo("train").and(col("target_index").geq(0))).collectAsList();
        List<DataSet> examples = new ArrayList<>(rows.size());
        for (Row row : rows) {
            examples.add(FeatureDataSets.example(row, options.model()));
        }
        DataSet all = DataSet.merge(examples);
        int[] targets = FeatureDataSets.targets(rows);
        MultiLayerConfiguration conf = Models.configuration(new Models.Spec(options.model(),
                FeatureDataSets.inputSize(options.model()), options.sequenceLength(), ClassIndex.COUNT,
                options.width(), options.depth(), new ScheduleAdapter("constant", options.learningRate(), 0, 2, 0, 0),
                0.0, null, options.seed(), Models.outputActivation("softmax")));

        MultiLayerNetwork localNet = new MultiLayerNetwork(conf.clone());
        localNet.init();
        fitLocal(localNet, examples, 1, options.seed() + 1000); // warm-up
        localNet = new MultiLayerNetwork(conf.clone());
        localNet.init();
        long start = System.nanoTime();
        fitLocal(localNet, examples, options.epochs(), options.seed());
        double localSeconds = (System.nanoTime() - start) / 1e9;
        Side local = new Side("single JVM", (long) options.epochs() * examples.size(), localSeconds,
                TrainModel.validate(localNet, all, targets, null)[0]);

        // DL4J-Spark cuts minibatches from consecutive examples: they must not come grouped by class
        List<DataSet> sparkExamples = new ArrayList<>(examples);
        Collections.shuffle(sparkExamples, new Random(options.seed()));
        JavaRDD<DataSet> data = jsc.parallelize(sparkExamples, options.workers()).cache();
        data.count();
        fitSpark(jsc, new MultiLayerNetwork(conf.clone()), data, 1); // warm-up
        MultiLayerNetwork sparkNet = new MultiLayerNetwork(conf.clone());
        start = System.nanoTime();
        long seen = fitSpark(jsc, sparkNet, data, options.epochs());
        double sparkSeconds = (System.nanoTime() - start) / 1e9;
        data.unpersist();
        Side distributed = new Side("spark, " + options.workers() + " workers", seen, sparkSeconds,
                TrainModel.validate(sparkNet, all, targets, null)[0]);
        return new Result(local, distributed, distributed.examplesPerSecond() / local.examplesPerSecond(),
                Math.abs(distributed.finalLoss() - local.finalLoss()) / local.finalLoss(), localNet.numParams(),
                examples.size());
    }

    private void fitLocal(MultiLayerNetwork net, List<DataSet> examples, int epochs, long seed) {
        List<DataSet> order = new ArrayList<>(examples);
        Random random = new Random(seed);
        for (int epoch = 0; epoch < epochs; epoch++) {
            Collections.shuffle(order, random);
            net.fit(new ListDataSetIterator<>(order, options.batchSize() * options.workers()));
        }
    }

    /** Trains with parameter averaging; returns the examples the workers reported. */
    private long fitSpark(JavaSparkContext jsc, MultiLayerNetwork net, JavaRDD<DataSet> data, int epochs) {
        net.init();
        ParameterAveragingTrainingMaster master = new ParameterAveragingTrainingMaster.Builder(options.workers(), 1)
                .batchSizePerWorker(options.batchSize())
                .averagingFrequency(options.averagingFrequency())
                .saveUpdater(true)
                .workerPrefetchNumBatches(0)
                .rngSeed(options.seed())
                .rddTrainingApproach(options.direct() ? org.deeplearning4j.spark.api.RDDTrainingApproach.Direct
                        : org.deeplearning4j.spark.api.RDDTrainingApproach.Export)
                .repartionData(org.deeplearning4j.spark.api.Repartition.NumPartitionsWorkersDiffers)
                .build();
        SparkDl4jMultiLayer sparkNet = new SparkDl4jMultiLayer(jsc, net, master);
        StepRecorder recorder = new StepRecorder(System.currentTimeMillis(), 0, List.of(), step -> 0.0, null);
        sparkNet.setListeners(recorder, List.of(new StepListener()));
        for (int epoch = 0; epoch < epochs; epoch++) {
            sparkNet.fit(data);
            recorder.finishRound();
        }
        return recorder.examplesSeen();
    }

    /** The printed table. */
    public static String report(Result r) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%,d parameters, %,d training examples%n",
                r.params(), r.trainExamples()));
        text.append(String.format(Locale.ROOT, "%-20s %12s %9s %12s %11s%n", "run", "examples", "seconds",
                "examples/s", "final loss"));
        for (Side side : List.of(r.local(), r.spark())) {
            text.append(String.format(Locale.ROOT, "%-20s %,12d %9.2f %,12.0f %11.4f%n", side.what(), side.examples(),
                    side.seconds(), side.examplesPerSecond(), side.finalLoss()));
        }
        text.append(String.format(Locale.ROOT, "throughput ratio spark/single JVM: %.3f; final loss differs by %.1f%%",
                r.throughputRatio(), 100 * r.lossDifference()));
        return text.toString();
    }
}
