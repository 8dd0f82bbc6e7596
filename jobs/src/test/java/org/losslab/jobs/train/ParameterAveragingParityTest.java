package org.losslab.jobs.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.junit.jupiter.api.Test;
import org.losslab.jobs.testing.SparkTestSession;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * With one worker, averaging after every step and the whole training set as one minibatch, DL4J-Spark's
 * parameter averaging must do exactly what plain {@code MultiLayerNetwork.fit} does on the same data and seed:
 * the same Adam steps on the same full-batch gradients (up to float summation order).
 */
class ParameterAveragingParityTest {

    @Test
    void averagingEveryStepWithOneWorkerMatchesPlainFit() {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
        List<DataSet> examples = new ArrayList<>();
        Random random = new Random(3);
        for (int i = 0; i < 96; i++) {
            float[] x = new float[12];
            for (int j = 0; j < x.length; j++) {
                x[j] = (float) random.nextGaussian();
            }
            int label = (x[0] + x[1] > 0 ? 1 : 0) + (x[2] > 0.5 ? 1 : 0);
            INDArray y = Nd4j.zeros(1, FeatureDataSets.CLASSES);
            y.putScalar(0, label, 1.0);
            examples.add(new DataSet(Nd4j.create(x, 1, 12), y));
        }
        MultiLayerConfiguration conf = Models.configuration(new Models.Spec(Models.Kind.MLP, 12, 1,
                FeatureDataSets.CLASSES, 16, 2, new ScheduleAdapter("constant", 0.01, 0, 10, 0, 0), 0.001, null, 11,
                Models.outputActivation("softmax")));
        int epochs = 6;

        MultiLayerNetwork local = new MultiLayerNetwork(conf.clone());
        local.init();
        MultiLayerNetwork distributed = new MultiLayerNetwork(conf.clone());
        distributed.init();
        assertEquals(local.params(), distributed.params(), "same initialisation from the same seed");

        DataSet all = DataSet.merge(examples);
        for (int epoch = 0; epoch < epochs; epoch++) {
            local.fit(all);
        }
        ParameterAveragingTrainingMaster master = new ParameterAveragingTrainingMaster.Builder(1, 1)
                .batchSizePerWorker(examples.size()).averagingFrequency(1).saveUpdater(true).rngSeed(5).build();
        SparkDl4jMultiLayer spark = new SparkDl4jMultiLayer(jsc, distributed, master);
        for (int epoch = 0; epoch < epochs; epoch++) {
            spark.fit(jsc.parallelize(examples, 1));
        }

        assertEquals(epochs, distributed.getLayerWiseConfigurations().getIterationCount());
        INDArray difference = local.params().sub(distributed.params());
        double maxDifference = difference.amaxNumber().doubleValue();
        double scale = local.params().amaxNumber().doubleValue();
        assertTrue(maxDifference <= 1e-5 * Math.max(1, scale), "parameters differ by up to " + maxDifference);
        // and the parameters did move: the comparison is not between two untrained networks
        MultiLayerNetwork untrained = new MultiLayerNetwork(conf.clone());
        untrained.init();
        assertTrue(untrained.params().sub(local.params()).amaxNumber().doubleValue() > 1e-3);
    }
}
