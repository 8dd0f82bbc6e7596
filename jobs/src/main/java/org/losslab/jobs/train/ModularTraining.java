package org.losslab.jobs.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.losslab.common.grokking.ModularArithmetic;
import org.losslab.jobs.warehouse.Warehouse;
import org.nd4j.linalg.dataset.DataSet;

/**
 * {@code train --task modadd}, the grokking probe: all pairs {@code (a, b)} of the modular operation, a share of
 * them for training. Full batch by default: the training set is cut into one shard per worker and each {@code fit}
 * is one averaging round in which every worker takes {@code averagingFrequency} full-shard steps. Validation is
 * on the held-out pairs, with the training set's accuracy, the weight norm and the Softmax Collapse fraction.
 */
final class ModularTraining implements TrainingTask {
    private final TrainModel.Options options;
    private final TrainModel.ModularTask modular;
    private DataSet trainSet;
    private int[] trainTargets;
    private DataSet validation;
    private int[] validationTargets;

    ModularTraining(TrainModel.Options options) {
        this.options = options;
        this.modular = options.modular();
    }

    @Override
    public TrainingData prepare(SparkSession spark, Warehouse warehouse, int workers, Path exportDir) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        ModularArithmeticData data = new ModularArithmeticData(modular.task(), modular.trainFraction(), options.seed());
        trainSet = data.trainSet();
        int batch = options.batchSizePerWorker() > 0 ? options.batchSizePerWorker() : data.shardSize(workers);
        List<DataSet> shards = options.batchSizePerWorker() > 0 ? trainSet.batchBy(batch) : data.shards(workers);
        int f = options.averagingFrequency();
        int shardsPerStep = Math.max(1, Math.min(workers, shards.size()));
        if (shards.size() > f * shardsPerStep) {
            throw new IllegalArgumentException("Cannot train modadd in minibatches of " + batch + ": the "
                    + shards.size() + " minibatches of the training set do not fit in one averaging round of "
                    + f + " steps on " + shardsPerStep + " workers; raise --averaging-frequency or the batch size");
        }
        // step by step, shard after shard: each of the shardsPerStep contiguous slices of the round (one per
        // worker) then cycles through the shards, so that every worker's f steps see the whole training set
        // instead of one shard's worth of it
        List<Integer> slots = new ArrayList<>();
        for (int step = 0; step < f; step++) {
            for (int w = 0; w < shardsPerStep; w++) {
                slots.add((step * shardsPerStep + w) % shards.size());
            }
        }
        TrainingData.RoundLayout layout = new TrainingData.RoundLayout(shards, slots, shardsPerStep);
        List<String> files = exportDir == null ? null
                : MinibatchFiles.write(warehouse.fileSystem(), shards, exportDir);
        int fitCalls = (int) Math.ceil(options.epochs() / (double) f);
        trainTargets = ModularArithmeticData.targets(data.train);
        validation = data.validationSet();
        validationTargets = ModularArithmeticData.targets(data.validation);
        return new TrainingData(data.inputSize(), 1, modular.p(), data.train.size(), null,
                jsc.parallelize(slots.stream().map(shards::get).toList(), shardsPerStep), batch, fitCalls, f, files,
                layout, false);
    }

    @Override
    public String unit() {
        return "round";
    }

    /** Writing the metrics every round would cost more than the round. */
    @Override
    public int reportEvery() {
        return 25;
    }

    @Override
    public StepRecorder.Evaluation evaluate(MultiLayerNetwork net) {
        return TrainModel.evaluation(net, validation, validationTargets, trainSet, trainTargets, null);
    }

    @Override
    public Map<String, Object> summarize(MultiLayerNetwork net) {
        return Map.of(); // the grokking metrics are read from run_metrics (measure-grokking)
    }

    @Override
    public Map<String, String> hyperparameters() {
        Map<String, String> hyper = new LinkedHashMap<>();
        hyper.put("p", Integer.toString(modular.p()));
        hyper.put("op", ModularArithmetic.Op.parse(modular.op()).cliName());
        hyper.put("train_fraction", Double.toString(modular.trainFraction()));
        return hyper;
    }

    @Override
    public String classWeighting() {
        return "none"; // every residue is equally frequent
    }
}
