package org.losslab.jobs.train;

import java.util.List;

import org.apache.spark.api.java.JavaRDD;
import org.nd4j.linalg.dataset.DataSet;

/**
 * A task's training data as the trainer needs it: the network's input size, sequence length (1 for vectors) and
 * classes, the examples (single examples for the Direct approach, minibatch {@code files} for export), how many
 * {@code fit} calls make the run and how many steps each takes, and the loss weights per class (null: none).
 * {@code round} is set when each fit is one averaging round laid out slot by slot (modadd). {@code lastStep}: a
 * sequence model predicts from its last step ({@link Models.Spec#lastStep()}).
 */
record TrainingData(int inputSize, int sequenceLength, int classes, long trainExamples, double[] classWeights,
        JavaRDD<DataSet> train, int batchSizePerWorker, int fitCalls, long stepsPerFit, List<String> files,
        RoundLayout round, boolean lastStep) {

    /**
     * One averaging round laid out slot by slot: the distinct minibatches, and per slot the index of the minibatch
     * trained on, cut into {@code slices} contiguous worker slices.
     */
    record RoundLayout(List<DataSet> minibatches, List<Integer> slots, int slices) {
    }
}
