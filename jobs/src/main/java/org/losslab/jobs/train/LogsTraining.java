package org.losslab.jobs.train;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.losslab.common.anomaly.NextEvents;
import org.losslab.common.features.SplitAssigner;
import org.losslab.jobs.logs.LogEventSpace;
import org.losslab.jobs.warehouse.TableSchemas;
import org.losslab.jobs.warehouse.Warehouse;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code train --task logs}: a DeepLog-style next-event model over the windows of {@code log_sequences}. Every
 * position of a training window is an example (the previous {@code history} events, predicting the event there);
 * only normal windows of the train split train (a window labelled anomalous is left out; unlabelled systems use
 * all). Validation loss is the next-event cross-entropy on normal validation windows; the summary gives top-1 and
 * top-k next-event accuracy and cross-entropy (nats per event) on the normal windows of validation and test.
 * {@code detect-anomalies} then scores the test windows with the trained network.
 */
final class LogsTraining implements TrainingTask {
    private static final Logger LOG = LoggerFactory.getLogger(LogsTraining.class);
    /** Events at most in an evaluation set held on the driver (a deterministic sample of windows above that). */
    static final int EVAL_EVENTS_LIMIT = 200_000;
    /** Positions at most in the validation set (and training sample) evaluated every --eval-every steps. */
    static final int PERIODIC_EVAL_LIMIT = 2048;

    private final TrainModel.Options options;
    private final TrainModel.LogsTask logs;
    private LogEventSpace space;
    private NextEventInput input;
    private String windowKinds;
    private List<int[]> validation;
    private List<int[]> test;
    private DataSet periodicValidation;
    private int[] periodicValidationTargets;
    private DataSet trainEval;
    private int[] trainEvalTargets;

    LogsTraining(TrainModel.Options options) {
        this.options = options;
        this.logs = options.logs();
    }

    @Override
    public TrainingData prepare(SparkSession spark, Warehouse warehouse, int workers, Path exportDir) {
        space = LogEventSpace.of(warehouse, logs.systems());
        Dataset<Row> sequences = space.sequences(warehouse);
        windowKinds = String.join(",", sequences.select("window_kind").distinct().orderBy("window_kind").collectAsList()
                .stream().map(r -> r.getString(0)).toList());
        Dataset<Row> normal = sequences.filter(col("label").isNull().or(col("label").equalTo(0)));
        Dataset<Row> trainWindows = normal.filter(col("split").equalTo("train"));
        if (options.dataFraction() < 1) {
            double fraction = options.dataFraction();
            long seed = options.seed();
            trainWindows = trainWindows.filter((org.apache.spark.api.java.function.FilterFunction<Row>) row ->
                    SplitAssigner.unitHash(row.<String>getAs("window_id").hashCode(), seed + 1) < fraction);
        }
        input = new NextEventInput(options.model(), space.classes(), logs.history(), logs.eventCounts());
        NextEventInput in = input;
        LogEventSpace events = space;
        long seed = options.seed();
        // DL4J-Spark cuts minibatches from consecutive examples: mix the positions of all windows, in a seeded order
        JavaRDD<int[]> mixed = trainWindows.select(LogEventSpace.eventColumns()).toJavaRDD()
                .flatMap(row -> java.util.Arrays.asList(in.examples(events.events(row)))
                        .iterator())
                .sortBy(example -> java.util.Arrays.hashCode(example) * 31L + seed, true, workers);
        mixed.cache();
        long examples = mixed.count();
        if (examples == 0) {
            mixed.unpersist();
            throw new IllegalArgumentException("Cannot train on the logs of " + logs.systems() + ": no normal windows"
                    + " in the train split of " + TableSchemas.LOG_SEQUENCES);
        }
        List<int[]> trainSample = mixed.take(PERIODIC_EVAL_LIMIT);
        JavaRDD<DataSet> train = mixed.map(example -> in.dataSet(List.of(example)));
        long stepsPerEpoch = Math.max(1, (long) Math.ceil(examples / (double) (workers
                * options.batchSizePerWorker())));
        List<String> files = null;
        if (exportDir != null) {
            spark.sparkContext().setJobDescription("train: export minibatches to " + exportDir);
            files = MinibatchFiles.export(train, options.batchSizePerWorker(), exportDir);
            stepsPerEpoch = MinibatchFiles.stepsPerEpoch(files.size(), workers);
            mixed.unpersist();
        }
        trainEval = input.dataSet(trainSample);
        trainEvalTargets = NextEventInput.targets(trainSample);
        validation = collect(normal.filter(col("split").equalTo("validation")), EVAL_EVENTS_LIMIT);
        test = collect(normal.filter(col("split").equalTo("test")), EVAL_EVENTS_LIMIT);
        List<int[]> periodic = validation.subList(0, Math.min(validation.size(), PERIODIC_EVAL_LIMIT));
        periodicValidation = periodic.isEmpty() ? null : input.dataSet(periodic);
        periodicValidationTargets = NextEventInput.targets(periodic);
        LOG.info("logs of {} ({} windows): {} event classes, {} training positions, {} validation and {} test"
                + " positions (normal windows)", logs.systems(), windowKinds, space.classes(), examples, validation.size(),
                test.size());
        return new TrainingData(input.inputSize(), logs.history(), space.classes(), examples, null,
                exportDir == null ? train : null, options.batchSizePerWorker(), options.epochs(), stepsPerEpoch,
                files, null, true);
    }

    /** The windows' positions as packed examples, at most {@code limit} (whole windows, in window id order). */
    private List<int[]> collect(Dataset<Row> windows, int limit) {
        List<int[]> out = new ArrayList<>();
        for (Row row : windows.orderBy("window_id").select(LogEventSpace.eventColumns()).collectAsList()) {
            for (int[] example : input.examples(space.events(row))) {
                out.add(example);
            }
            if (out.size() >= limit) {
                LOG.info("evaluation set capped at {} positions", out.size());
                break;
            }
        }
        return out;
    }

    @Override
    public StepRecorder.Evaluation evaluate(MultiLayerNetwork net) {
        return periodicValidation == null ? null : TrainModel.evaluation(net, periodicValidation,
                periodicValidationTargets, trainEval, trainEvalTargets, null);
    }

    @Override
    public Map<String, Object> summarize(MultiLayerNetwork net) {
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("top_k", logs.topK());
        double[] val = nextEventMetrics(net, validation);
        double[] tst = nextEventMetrics(net, test);
        if (val != null) {
            columns.put("val_top1_accuracy", val[0]);
            columns.put("val_topk_accuracy", val[1]);
            columns.put("val_cross_entropy", val[2]);
        }
        if (tst != null) {
            columns.put("test_top1_accuracy", tst[0]);
            columns.put("test_topk_accuracy", tst[1]);
            columns.put("test_cross_entropy", tst[2]);
        }
        columns.put("test_events", (long) test.size());
        columns.put("test_examples", (long) test.size());
        return columns;
    }

    /** {top-1 accuracy, top-k accuracy, cross-entropy in nats per event}, or null for no examples. */
    private double[] nextEventMetrics(MultiLayerNetwork net, List<int[]> examples) {
        if (examples.isEmpty()) {
            return null;
        }
        long top1 = 0;
        long topK = 0;
        double nats = 0;
        for (int from = 0; from < examples.size(); from += 4096) {
            List<int[]> batch = examples.subList(from, Math.min(examples.size(), from + 4096));
            double[][] p = TrainModel.probabilities(net, input.dataSet(batch));
            for (int i = 0; i < p.length; i++) {
                int target = NextEventInput.target(batch.get(i));
                if (NextEvents.inTopK(p[i], target, 1)) {
                    top1++;
                }
                if (NextEvents.inTopK(p[i], target, logs.topK())) {
                    topK++;
                }
                nats -= Math.log(Math.max(p[i][target], 1e-15));
            }
        }
        return new double[] {top1 / (double) examples.size(), topK / (double) examples.size(),
            nats / examples.size()};
    }

    @Override
    public Map<String, String> hyperparameters() {
        Map<String, String> hyper = new LinkedHashMap<>();
        hyper.put("systems", String.join(",", logs.systems()));
        hyper.put("window", windowKinds);
        hyper.put("history", Integer.toString(logs.history()));
        hyper.put("top_k", Integer.toString(logs.topK()));
        hyper.put("event_classes", Integer.toString(space.classes()));
        hyper.put(NextEventInput.EVENT_COUNTS, Boolean.toString(logs.eventCounts()));
        return hyper;
    }

    @Override
    public String classWeighting() {
        return "none";
    }
}
