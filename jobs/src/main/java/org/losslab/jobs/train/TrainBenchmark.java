package org.losslab.jobs.train;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.stats.SparkTrainingStats;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.stats.EventStats;
import org.losslab.common.features.ClassIndex;
import org.losslab.jobs.warehouse.TableSchemas;
import org.losslab.jobs.warehouse.Warehouse;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Training throughput of parameter averaging against plain single-JVM DL4J, in one process: the same network
 * (same configuration and seed) on the same training examples for the same epochs, once with
 * {@code MultiLayerNetwork.fit} over shuffled minibatches of {@code workers * batchSize} (the same examples per
 * update as the distributed run) in the driver, once with {@link SparkDl4jMultiLayer} and {@code workers}
 * workers of {@code batchSize} each, fed exactly as {@code train} feeds them (minibatch files read per averaging
 * round, or DL4J's Direct approach), on whatever master the session has. After a warm-up of each, the two
 * alternate {@code repetitions} times; the ratio is of the median examples/s. The last Spark repetition collects
 * DL4J-Spark's training stats, so the report says what one averaging round costs besides training.
 */
public final class TrainBenchmark {

    /** What to train and how. */
    public record Options(String warehouse, Models.Kind model, int width, int depth, int epochs, int batchSize,
            int workers, int averagingFrequency, double learningRate, long seed, int sequenceLength,
            boolean direct, int repetitions) {
        public Options {
            requireNonNull(warehouse, "warehouse");
            requireNonNull(model, "model");
            if (repetitions < 1) {
                throw new IllegalArgumentException("Cannot benchmark " + repetitions + " repetitions");
            }
        }
    }

    /** One side's figures in one repetition. */
    public record Side(String what, long examples, double seconds, double finalLoss) {
        public double examplesPerSecond() {
            return examples / seconds;
        }
    }

    /**
     * Every repetition of both sides, in the order they ran, the per-repetition ratios, and the mean cost of one
     * averaging round by DL4J-Spark's stat name (milliseconds; rounds counted in {@code rounds}).
     */
    public record Result(List<Side> runs, double[] ratios, double medianRatio, double lossDifference, long params,
            int trainExamples, int rounds, Map<String, double[]> roundCosts) {
    }

    private final Options options;

    public TrainBenchmark(Options options) {
        this.options = requireNonNull(options, "options");
    }

    public Result run(SparkSession spark) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Warehouse warehouse = Warehouse.open(spark, options.warehouse());
        Dataset<Row> train = warehouse.read(TableSchemas.PLASTICC_FEATURES)
                .filter(col("split").equalTo("train").and(col("target_index").geq(0)));
        List<Row> rows = train.collectAsList();
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

        // the Spark side reads the table as train does: mixed in a seeded order, one slice per worker
        Models.Kind kind = options.model();
        JavaRDD<DataSet> sparkData = train.orderBy(functions.xxhash64(col("object_id"), functions.lit(options.seed())))
                .coalesce(options.workers()).toJavaRDD().map(row -> FeatureDataSets.example(row, kind));
        Path exportDir = new Path(warehouse.root(), "_tmp/bench-train-" + java.util.UUID.randomUUID());
        List<String> files = options.direct() ? null
                : MinibatchFiles.export(sparkData, options.batchSize(), exportDir);
        try {
            fitLocal(conf, examples, 1, options.seed() + 1000); // warm-ups
            fitSpark(jsc, conf, sparkData, files, 1, false);
            List<Side> runs = new ArrayList<>();
            double[] ratios = new double[options.repetitions()];
            MultiLayerNetwork lastLocal = null;
            MultiLayerNetwork lastSpark = null;
            SparkTrainingStats stats = null;
            int rounds = 0;
            for (int r = 0; r < options.repetitions(); r++) {
                long start = System.nanoTime();
                lastLocal = fitLocal(conf, examples, options.epochs(), options.seed());
                Side local = new Side("single JVM", (long) options.epochs() * examples.size(),
                        (System.nanoTime() - start) / 1e9, TrainModel.validate(lastLocal, all, targets, null)[0]);
                boolean last = r == options.repetitions() - 1;
                start = System.nanoTime();
                SparkFit fit = fitSpark(jsc, conf, sparkData, files, options.epochs(), last);
                double seconds = (System.nanoTime() - start) / 1e9;
                lastSpark = fit.net();
                Side distributed = new Side("spark, " + options.workers() + " workers", fit.examples(), seconds,
                        TrainModel.validate(lastSpark, all, targets, null)[0]);
                runs.add(local);
                runs.add(distributed);
                ratios[r] = distributed.examplesPerSecond() / local.examplesPerSecond();
                if (last) {
                    stats = fit.stats();
                    rounds = fit.rounds();
                }
            }
            double localLoss = TrainModel.validate(lastLocal, all, targets, null)[0];
            double sparkLoss = TrainModel.validate(lastSpark, all, targets, null)[0];
            return new Result(runs, ratios, median(ratios), Math.abs(sparkLoss - localLoss) / localLoss,
                    lastLocal.numParams(), examples.size(), rounds, roundCosts(stats, rounds));
        } finally {
            try {
                warehouse.fileSystem().delete(exportDir, true);
            } catch (java.io.IOException e) {
                // scratch files only
            }
        }
    }

    private MultiLayerNetwork fitLocal(MultiLayerConfiguration conf, List<DataSet> examples, int epochs, long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf.clone());
        net.init();
        List<DataSet> order = new ArrayList<>(examples);
        Random random = new Random(seed);
        for (int epoch = 0; epoch < epochs; epoch++) {
            Collections.shuffle(order, random);
            net.fit(new ListDataSetIterator<>(order, options.batchSize() * options.workers()));
        }
        return net;
    }

    private record SparkFit(MultiLayerNetwork net, long examples, int rounds, SparkTrainingStats stats) {
    }

    /** Trains with parameter averaging; returns the network, the examples the workers reported, the rounds. */
    private SparkFit fitSpark(JavaSparkContext jsc, MultiLayerConfiguration conf, JavaRDD<DataSet> data,
            List<String> files, int epochs, boolean collectStats) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf.clone());
        net.init();
        RoundTrainingMaster master = TrainModel.trainingMaster(options.workers(), options.batchSize(),
                options.averagingFrequency(), options.seed(), files != null);
        SparkDl4jMultiLayer sparkNet = new SparkDl4jMultiLayer(jsc, net, master);
        sparkNet.setCollectTrainingStats(collectStats);
        int[] rounds = {0};
        StepRecorder recorder = new StepRecorder(System.currentTimeMillis(), 0, List.of(), step -> 0.0, lastStep -> {
            rounds[0]++;
            return null;
        });
        sparkNet.setListeners(recorder, List.of(new StepListener()));
        for (int epoch = 0; epoch < epochs; epoch++) {
            if (files == null) {
                sparkNet.fit(data);
            } else {
                MinibatchFiles.fitEpoch(jsc, sparkNet, master, files, options.workers(),
                        options.averagingFrequency(), options.seed(), epoch);
            }
            recorder.finishRound();
        }
        if (files == null) {
            data.unpersist(); // the Direct approach cached it
        }
        return new SparkFit(sparkNet.getNetwork(), recorder.examplesSeen(), rounds[0],
                collectStats ? sparkNet.getSparkTrainingStats() : null);
    }

    /** Mean milliseconds per round of each master stat, and per task of each worker stat (nested). */
    private static Map<String, double[]> roundCosts(SparkTrainingStats stats, int rounds) {
        Map<String, double[]> costs = new TreeMap<>();
        for (SparkTrainingStats s = stats; s != null; s = s.getNestedTrainingStats()) {
            for (String key : s.getKeySet()) {
                List<EventStats> events = s.getValue(key);
                if (events == null || events.isEmpty()) {
                    continue;
                }
                double total = events.stream().mapToLong(EventStats::getDurationMs).sum();
                costs.put(s.getShortNameForKey(key), new double[] {events.size(), total / events.size(),
                    rounds == 0 ? 0 : total / rounds});
            }
        }
        return costs;
    }

    /** The median of the values (the mean of the middle two for an even count). */
    public static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The printed table. */
    public static String report(Result r) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%,d parameters, %,d training examples%n",
                r.params(), r.trainExamples()));
        text.append(String.format(Locale.ROOT, "%-20s %12s %9s %12s %11s%n", "run", "examples", "seconds",
                "examples/s", "final loss"));
        for (Side side : r.runs()) {
            text.append(String.format(Locale.ROOT, "%-20s %,12d %9.2f %,12.0f %11.4f%n", side.what(), side.examples(),
                    side.seconds(), side.examplesPerSecond(), side.finalLoss()));
        }
        double[] sorted = r.ratios().clone();
        Arrays.sort(sorted);
        text.append(String.format(Locale.ROOT, "throughput ratio spark/single JVM: median %.3f of %d (%.3f to %.3f);"
                + " final loss differs by %.1f%%%n", r.medianRatio(), sorted.length, sorted[0],
                sorted[sorted.length - 1], 100 * r.lossDifference()));
        if (!r.roundCosts().isEmpty()) {
            text.append(String.format(Locale.ROOT, "last Spark repetition, %d averaging rounds; DL4J-Spark stats"
                    + " (ms):%n%-40s %8s %10s %10s%n", r.rounds(), "stat", "events", "mean", "per round"));
            r.roundCosts().forEach((name, v) -> text.append(String.format(Locale.ROOT, "%-40s %8.0f %10.1f %10.1f%n",
                    name, v[0], v[1], v[2])));
        }
        return text.toString().stripTrailing();
    }
}
