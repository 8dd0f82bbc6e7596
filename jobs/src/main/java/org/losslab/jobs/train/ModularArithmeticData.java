package org.losslab.jobs.train;

import java.util.ArrayList;
import java.util.List;

import org.losslab.common.grokking.ModularArithmetic;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The modular-arithmetic task as DL4J data: inputs {@code one-hot(a) ++ one-hot(b)} (2p wide), labels
 * {@code one-hot(a op b mod p)}. Full-batch training across W workers cuts the training set into W shards of
 * {@code ceil(n / W)} examples (the last may be smaller); every step each worker fits one whole shard.
 */
final class ModularArithmeticData {
    final int p;
    final List<ModularArithmetic.Example> train;
    final List<ModularArithmetic.Example> validation;

    ModularArithmeticData(ModularArithmetic task, double trainFraction, long seed) {
        this.p = task.p();
        ModularArithmetic.Split split = task.split(trainFraction, seed);
        this.train = split.train();
        this.validation = split.validation();
    }

    int inputSize() {
        return 2 * p;
    }

    DataSet trainSet() {
        return dataSet(train);
    }

    DataSet validationSet() {
        return dataSet(validation);
    }

    static int[] targets(List<ModularArithmetic.Example> examples) {
        return examples.stream().mapToInt(ModularArithmetic.Example::label).toArray();
    }

    /** The shard size of full-batch training on {@code workers} workers. */
    int shardSize(int workers) {
        return (int) Math.ceil(train.size() / (double) workers);
    }

    /** The training set cut into {@code workers} shards of {@link #shardSize}. */
    List<DataSet> shards(int workers) {
        int size = shardSize(workers);
        List<DataSet> shards = new ArrayList<>();
        for (int from = 0; from < train.size(); from += size) {
            shards.add(dataSet(train.subList(from, Math.min(train.size(), from + size))));
        }
        return shards;
    }

    private DataSet dataSet(List<ModularArithmetic.Example> examples) {
        INDArray features = Nd4j.zeros(DataType.FLOAT, examples.size(), 2L * p);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, examples.size(), p);
        for (int i = 0; i < examples.size(); i++) {
            ModularArithmetic.Example e = examples.get(i);
            features.putScalar(i, e.a(), 1f);
            features.putScalar(i, p + e.b(), 1f);
            labels.putScalar(i, e.label(), 1f);
        }
        return new DataSet(features, labels);
    }
}
