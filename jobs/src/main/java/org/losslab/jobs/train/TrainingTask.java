package org.losslab.jobs.train;

import java.util.Map;

import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.losslab.jobs.warehouse.Warehouse;

/**
 * One kind of training run ({@code train --task}): what it feeds the parameter-averaging trainer, what it measures
 * while training and at the end, and which {@code run_summary} columns it fills. {@link TrainModel} owns what all
 * tasks share: the trainer loop, the step rows, checkpoints and the {@code runs} row.
 */
interface TrainingTask {

    /**
     * Loads the task's data once, before training; with {@code exportDir} set it also writes the training
     * minibatch files there ({@link MinibatchFiles}).
     */
    TrainingData prepare(SparkSession spark, Warehouse warehouse, int workers, Path exportDir);

    /** What one {@code fit} call is, for progress lines: {@code epoch} or {@code round}. */
    default String unit() {
        return "epoch";
    }

    /** Every how many fits {@code run_metrics} is rewritten and progress logged (the last fit always). */
    default int reportEvery() {
        return 1;
    }

    /** Validation (and training-set) figures of the network as it is now; null when there is nothing to measure. */
    StepRecorder.Evaluation evaluate(MultiLayerNetwork net);

    /** The {@code run_summary} columns this task fills at the end of a run, by column name. */
    Map<String, Object> summarize(MultiLayerNetwork net);

    /** The task's own hyperparameters, for {@code runs.hyperparameters}. */
    Map<String, String> hyperparameters();

    /** The class weighting the loss actually uses ({@code runs.class_weighting}). */
    String classWeighting();
}
